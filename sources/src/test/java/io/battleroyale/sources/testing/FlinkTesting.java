package io.battleroyale.sources.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The MiniCluster setup and small sinks every module's ITCases share (the test kit: this package
 * and the fixtures under {@code venues/} ship in the sources' test-jar).
 */
public final class FlinkTesting {

    public static final int PARALLELISM = 2;

    private FlinkTesting() {}

    /** One task manager with two slots: sources really run as two parallel readers. */
    public static MiniClusterExtension miniCluster() {
        return miniCluster(1, PARALLELISM);
    }

    /**
     * A MiniCluster of {@code taskManagers} TaskManagers with {@code slots} slots each, with the
     * TaskManager setting of flink-conf/config.yaml that the synthetic sources need.
     */
    public static MiniClusterExtension miniCluster(int taskManagers, int slots) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.ALLOW_UNALIGNED_SOURCE_SPLITS, true);
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumberTaskManagers(taskManagers)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }

    /** An environment at parallelism 2 that fails on any type Flink would hand to Kryo. */
    public static StreamExecutionEnvironment env() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    public static <T> List<T> drain(CloseableIterator<T> it) throws Exception {
        List<T> out = new ArrayList<>();
        try (it) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /**
     * Counts what reaches it in a JVM-wide counter (the MiniCluster runs in the test's JVM), for
     * inputs too large to collect.
     */
    public static final class CountingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
        private final String name;

        public CountingSink(String name) {
            this.name = name;
            COUNTS.put(name, new AtomicLong());
        }

        public long count() {
            return COUNTS.get(name).get();
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            AtomicLong counter = COUNTS.get(name);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    counter.incrementAndGet();
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
