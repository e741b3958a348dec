package io.battleroyale.job;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import io.battleroyale.model.PriceBar;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes bars through, slowly enough (1 ms a bar) that the input spans many checkpoints; when asked
 * to, it throws once, 50 bars after a checkpoint completed, so that what was decided after that
 * checkpoint has already left the job and is replayed after the restore. The exactly-once ITCases
 * inject their failure with it.
 */
public final class FailOnceAfterACheckpoint
        implements MapFunction<PriceBar, PriceBar>, CheckpointListener {
    private static final long serialVersionUID = 1L;

    // shared with the job's functions, which run in the test's JVM (a MiniCluster)
    public static final AtomicLong CHECKPOINTS_COMPLETED = new AtomicLong();
    public static final AtomicBoolean FAILED = new AtomicBoolean();
    public static final AtomicLong FAILED_AFTER_CHECKPOINT = new AtomicLong(-1);

    private final boolean fail;
    private long seenAfterCheckpoint;

    public FailOnceAfterACheckpoint(boolean fail) {
        this.fail = fail;
    }

    /** Forgets an earlier test's checkpoints and failure. */
    public static void reset() {
        CHECKPOINTS_COMPLETED.set(0);
        FAILED.set(false);
        FAILED_AFTER_CHECKPOINT.set(-1);
    }

    @Override
    public PriceBar map(PriceBar bar) throws Exception {
        Thread.sleep(1); // a throttle, not a wait: the input must outlast several checkpoints
        if (fail && CHECKPOINTS_COMPLETED.get() >= 1 && !FAILED.get()) {
            if (++seenAfterCheckpoint > 50 && FAILED.compareAndSet(false, true)) {
                FAILED_AFTER_CHECKPOINT.set(CHECKPOINTS_COMPLETED.get());
                throw new IllegalStateException("injected failure at " + bar);
            }
        }
        return bar;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTS_COMPLETED.accumulateAndGet(checkpointId, Math::max);
    }
}
