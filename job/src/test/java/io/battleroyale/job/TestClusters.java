package io.battleroyale.job;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster every job ITCase runs on, in one place. */
public final class TestClusters {
    private TestClusters() {}

    /** A MiniCluster of {@code taskManagers} TaskManagers with {@code slots} slots each. */
    public static MiniClusterExtension of(int taskManagers, int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(taskManagers)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }
}
