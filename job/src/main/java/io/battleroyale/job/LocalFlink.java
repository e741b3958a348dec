package io.battleroyale.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Flink settings of a local run (the launcher's MiniCluster): {@code flink-conf/config.yaml},
 * the one file a cluster runs with, with only the keys of {@link #overrides()} changed, each for
 * the reason it gives.
 *
 * @param stateBackend {@code rocksdb} (live runs: state beyond memory, incremental checkpoints) or
 *     {@code hashmap} (fast backtests)
 * @param checkpointInterval {@code null} turns periodic checkpoints off
 * @param restoreFrom a checkpoint or savepoint to start from, or {@code null}
 * @param bounded the input ends by itself ({@code run --epochs N}, backtests)
 */
public record LocalFlink(
        int parallelism,
        String stateBackend,
        @Nullable Duration checkpointInterval,
        @Nullable Path checkpointDir,
        @Nullable Path restoreFrom,
        boolean bounded) {

    /** The cluster configuration, packaged into the job jar from {@code flink-conf/}. */
    public static final String CONFIG_RESOURCE = "/flink-conf/config.yaml";

    /** State lives in key groups; this caps rescaling and must never change for a deployment. */
    public static final int MAX_PARALLELISM = 128;

    public LocalFlink {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "parallelism must be between 1 and " + MAX_PARALLELISM + ": " + parallelism);
        }
        if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
            throw new IllegalArgumentException(
                    "state backend must be rocksdb or hashmap: " + stateBackend);
        }
    }

    /** An unbounded run. */
    public LocalFlink(
            int parallelism,
            String stateBackend,
            @Nullable Duration checkpointInterval,
            @Nullable Path checkpointDir,
            @Nullable Path restoreFrom) {
        this(parallelism, stateBackend, checkpointInterval, checkpointDir, restoreFrom, false);
    }

    /**
     * One key a local run sets differently from the cluster file.
     *
     * @param value {@code null} removes the key
     */
    public record Override(ConfigOption<?> option, @Nullable Object value, String why) {}

    /** Every difference between a local run and {@code flink-conf/config.yaml}, with its reason. */
    public List<Override> overrides() {
        List<Override> overrides = new ArrayList<>();
        overrides.add(
                new Override(
                        CoreOptions.DEFAULT_PARALLELISM,
                        parallelism,
                        "the command's -p; a cluster job takes its own"));
        overrides.add(
                new Override(
                        StateBackendOptions.STATE_BACKEND,
                        stateBackend,
                        "--state-backend: a backtest fits on the heap and runs faster there"));
        overrides.add(
                new Override(
                        RestartStrategyOptions.RESTART_STRATEGY,
                        "none",
                        "a local failure ends the command with its reason; a cluster retries"));
        overrides.add(
                new Override(
                        HeartbeatManagerOptions.HEARTBEAT_INTERVAL,
                        Duration.ofSeconds(1),
                        "accumulators (the progress line) travel with heartbeats"));
        overrides.add(
                new Override(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                        checkpointDir == null ? null : checkpointDir.toUri().toString(),
                        "a local run keeps its checkpoints beside its outputs"));
        overrides.add(
                new Override(
                        CheckpointingOptions.SAVEPOINT_DIRECTORY,
                        checkpointDir == null
                                ? null
                                : checkpointDir.resolve("savepoints").toUri().toString(),
                        "and its savepoints (Ctrl-C) there too"));
        overrides.add(
                new Override(
                        CheckpointingOptions.CHECKPOINTING_INTERVAL,
                        checkpointInterval,
                        "--checkpoint-interval; a backtest replays its file instead"));
        overrides.add(
                new Override(
                        CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
                        stateBackend.equals("rocksdb"),
                        "only RocksDB checkpoints incrementally"));
        overrides.add(checkpointsAfterTasksFinish());
        overrides.add(
                new Override(
                        StateRecoveryOptions.SAVEPOINT_PATH,
                        restoreFrom == null ? null : restoreFrom.toUri().toString(),
                        "--restore"));
        overrides.add(
                new Override(
                        CoreOptions.FLINK_JVM_OPTIONS,
                        null,
                        "the launcher already started this JVM with them"));
        return overrides;
    }

    /**
     * The one override that belongs to the run, not to the machine: a cluster run sets it too
     * ({@link #runSettings()}).
     */
    private Override checkpointsAfterTasksFinish() {
        return new Override(
                CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH,
                !bounded,
                "a bounded run ends at its last record, not at the next periodic checkpoint"
                        + " (FLINK-25105, docs/performance.md); and a restore never meets a"
                        + " finished source subtask, which Flink 2.2 fails with watermark"
                        + " alignment (docs/operations.md)");
    }

    /** What a run sets for itself on a cluster, over the cluster's configuration. */
    public Configuration runSettings() {
        Override own = checkpointsAfterTasksFinish();
        Configuration conf = new Configuration();
        set(conf, own.option(), own.value());
        return conf;
    }

    /** The prefix of the cluster's metrics reporters, which a local run leaves out. */
    static final String REPORTERS = "metrics.reporter.";

    public Configuration configuration() {
        Configuration conf = clusterConfiguration();
        // local runs report on the console; the reporter jar is on the cluster's classpath only
        conf.keySet().stream()
                .filter(k -> k.startsWith(REPORTERS))
                .toList()
                .forEach(conf::removeKey);
        for (Override o : overrides()) {
            if (o.value() == null) {
                conf.removeConfig(o.option());
            } else {
                set(conf, o.option(), o.value());
            }
        }
        return conf;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Configuration conf, ConfigOption<T> option, Object value) {
        conf.set(option, (T) value);
    }

    /** {@code flink-conf/config.yaml} as Flink reads it. */
    public static Configuration clusterConfiguration() {
        try (InputStream in = LocalFlink.class.getResourceAsStream(CONFIG_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CONFIG_RESOURCE + " is missing from the job jar");
            }
            Path dir = Files.createTempDirectory("battle-flink-conf");
            try {
                Files.copy(in, dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
                return GlobalConfiguration.loadConfiguration(dir.toString());
            } finally {
                Files.deleteIfExists(dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME));
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONFIG_RESOURCE, e);
        }
    }

    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        env.setParallelism(parallelism);
        return env;
    }
}
