package io.battleroyale.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Flink settings of a battle: Kryo off, every uid given by hand, max parallelism fixed, and the
 * state backend and checkpointing a run asks for.
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

    public Configuration configuration() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        conf.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        // events are immutable records and no function changes what it emitted: chained operators
        // may hand them on without a defensive copy
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        // a handful of timers per key: keeping them on the heap spares a RocksDB write per bar
        conf.set(
                RocksDBOptions.TIMER_SERVICE_FACTORY,
                EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // accumulators (the progress line) travel with heartbeats: report every second
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
            conf.set(
                    CheckpointingOptions.SAVEPOINT_DIRECTORY,
                    checkpointDir.resolve("savepoints").toUri().toString());
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (checkpointInterval != null) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, stateBackend.equals("rocksdb"));
            // a bounded run ends at its last record, not at the next periodic checkpoint
            // (FLINK-25105); only while every task runs can it checkpoint (docs/performance.md)
            conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, !bounded);
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        return conf;
    }

    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        env.setParallelism(parallelism);
        return env;
    }
}
