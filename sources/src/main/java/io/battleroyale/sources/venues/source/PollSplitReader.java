package io.battleroyale.sources.venues.source;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import io.battleroyale.model.VenueStatus;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polls the splits of one reader, one due split per {@link #fetch()}. A fetch never blocks longer
 * than {@link PollSettings#maxFetchWait()} while nothing is due (plus the HTTP call of a due split,
 * itself bounded by the client's timeouts and retries), and {@link #wakeUp()} ends the wait at
 * once; checkpoints are taken by the task thread and never wait for it.
 *
 * <p>Each split keeps a fetch cursor (initialised from the checkpointed {@link PollSplit#cursor()})
 * and only hands over records strictly newer than it, in event-time order. In bounded mode it also
 * keeps the start of the next history window, which restarts at the cursor after a restore, so a
 * window read but not yet emitted before a checkpoint is read again, never skipped.
 *
 * <p>A health transition of the reader (its first answer, an outage, a recovery) is handed over
 * with the split whose poll made it, as a {@link VenueStatus} tagged with this reader's subtask.
 */
final class PollSplitReader<R extends PollTarget, T> implements SplitReader<Polled<T>, PollSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(PollSplitReader.class);

    private final String feed;
    private final int reader;
    private final Map<String, R> targets;
    private final Poller<R, T> poller;
    private final EventTime<T> eventTime;
    private final PollSettings settings;
    private final TimeSource time;
    private final FeedHealth health;
    private final PollMetrics metrics;
    private final Object lock = new Object();
    private boolean wokenUp;
    private final Map<String, Active<R>> active = new LinkedHashMap<>();
    private final Set<SkipReason> warnedReasons = EnumSet.noneOf(SkipReason.class);
    private final List<String> dropped = new ArrayList<>();

    private static final class Active<R> {
        final String id;
        final R target;
        long cursor;
        long position;
        long dueNanos;
        int failures;

        Active(String id, R target, long cursor, long position, long dueNanos) {
            this.id = id;
            this.target = target;
            this.cursor = cursor;
            this.position = position;
            this.dueNanos = dueNanos;
        }
    }

    PollSplitReader(
            String feed,
            int reader,
            Map<String, R> targets,
            Poller<R, T> poller,
            EventTime<T> eventTime,
            PollSettings settings,
            TimeSource time,
            FeedHealth health,
            PollMetrics metrics) {
        this.feed = feed;
        this.reader = reader;
        this.targets = targets;
        this.poller = poller;
        this.eventTime = eventTime;
        this.settings = settings;
        this.time = time;
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public RecordsWithSplitIds<Polled<T>> fetch() {
        RecordsBySplits.Builder<Polled<T>> out = new RecordsBySplits.Builder<>();
        if (!dropped.isEmpty()) {
            out.addFinishedSplits(dropped);
            dropped.clear();
            return out.build();
        }
        Active<R> next =
                active.values().stream()
                        .min(Comparator.comparingLong((Active<R> a) -> a.dueNanos))
                        .orElse(null);
        long now = time.nanoTime();
        long maxWait = settings.maxFetchWait().toNanos();
        if (next == null) {
            await(maxWait);
        } else if (next.dueNanos - now > 0) {
            await(Math.min(next.dueNanos - now, maxWait));
        } else {
            poll(next, now, out);
        }
        return out.build();
    }

    private void poll(Active<R> a, long now, RecordsBySplits.Builder<Polled<T>> out) {
        metrics.polled();
        long windowEnd = 0;
        PollResult<T> result;
        try {
            if (settings.bounded()) {
                long to = settings.toMs();
                windowEnd =
                        Math.min(to, saturatedAdd(a.position, poller.historyWindowMs(a.target)));
                result = poller.history(a.target, a.position, windowEnd);
            } else {
                result = poller.latest(a.target, a.cursor);
            }
        } catch (VenueException e) {
            onFailure(a, now, e, out);
            return;
        } catch (RuntimeException e) {
            // a poller bug on a strange payload must not fail the job: count and move on
            LOG.warn("{} split {}: poll failed unexpectedly: {}", feed, a.id, e.toString(), e);
            result =
                    new PollResult<>(
                            List.of(),
                            List.of(
                                    new PollResult.Rejection(
                                            SkipReason.MALFORMED_RESPONSE, e.toString(), "")));
        }
        up(a, out);
        a.failures = 0;
        handOver(a, result, settings.bounded() ? a.position : Long.MIN_VALUE, windowEnd, out);
        if (settings.bounded()) {
            a.position = windowEnd;
            if (windowEnd >= settings.toMs()) {
                finish(a, out);
                return;
            }
            a.dueNanos = now;
        } else {
            a.dueNanos = now + settings.pollInterval().toNanos();
        }
    }

    private void handOver(
            Active<R> a,
            PollResult<T> result,
            long windowStart,
            long windowEnd,
            RecordsBySplits.Builder<Polled<T>> out) {
        for (PollResult.Rejection r : result.rejections()) {
            reject(a, r);
        }
        List<T> records = new ArrayList<>(result.records());
        records.sort(Comparator.comparingLong(eventTime::of));
        for (T record : records) {
            long ts = eventTime.of(record);
            boolean inWindow = !settings.bounded() || (ts >= windowStart && ts < windowEnd);
            if (ts > a.cursor && inWindow) {
                out.add(a.id, Polled.record(record));
                a.cursor = ts;
            }
        }
    }

    private void reject(Active<R> a, PollResult.Rejection r) {
        metrics.reject(r.reason());
        if (warnedReasons.add(r.reason())) {
            LOG.warn(
                    "{} split {}: refused input ({}): {}; raw: {} (further '{}' rejections are"
                            + " counted in metric rejected.{} and logged at debug)",
                    feed,
                    a.id,
                    r.reason().metricName(),
                    r.detail(),
                    r.raw(),
                    r.reason().metricName(),
                    r.reason().metricName());
        } else {
            LOG.debug(
                    "{} split {}: refused input ({}): {}",
                    feed,
                    a.id,
                    r.reason().metricName(),
                    r.detail());
        }
    }

    private void onFailure(
            Active<R> a, long now, VenueException e, RecordsBySplits.Builder<Polled<T>> out) {
        if (e.kind() == VenueException.Kind.INTERRUPTED) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!FeedHealth.isOutage(e)) {
            // the venue answered, but not with something usable: refuse this poll, keep going
            up(a, out);
            reject(
                    a,
                    new PollResult.Rejection(
                            SkipReason.MALFORMED_RESPONSE, e.getMessage(), e.kind().name()));
            if (settings.bounded()) {
                long to = settings.toMs();
                a.position =
                        Math.min(to, saturatedAdd(a.position, poller.historyWindowMs(a.target)));
                if (a.position >= to) {
                    finish(a, out);
                    return;
                }
                a.dueNanos = now;
            } else {
                a.dueNanos = now + settings.pollInterval().toNanos();
            }
            return;
        }
        metrics.pollFailed();
        if (health.down(e)) {
            out.add(
                    a.id,
                    Polled.status(
                            VenueStatus.down(
                                    feed, reader, health.lastReason(), time.epochMillis())));
        }
        a.failures++;
        a.dueNanos = now + settings.pollInterval().toNanos();
        if (settings.bounded() && a.failures >= settings.maxFailures()) {
            metrics.abandoned();
            LOG.error(
                    "{} split {}: giving up on its history after {} failed attempts at the window"
                            + " starting {} ({}); the backtest continues without the rest of"
                            + " this split",
                    feed,
                    a.id,
                    a.failures,
                    java.time.Instant.ofEpochMilli(a.position),
                    e.getMessage());
            finish(a, out);
        }
    }

    /** The venue answered: hands over the transition to up, if it is one. */
    private void up(Active<R> a, RecordsBySplits.Builder<Polled<T>> out) {
        if (health.up()) {
            out.add(a.id, Polled.status(VenueStatus.up(feed, reader, time.epochMillis())));
        }
    }

    private void finish(Active<R> a, RecordsBySplits.Builder<Polled<T>> out) {
        active.remove(a.id);
        out.addFinishedSplit(a.id);
    }

    private void await(long nanos) {
        synchronized (lock) {
            if (!wokenUp && nanos > 0) {
                try {
                    time.awaitNanos(lock, nanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wokenUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<PollSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            return;
        }
        long now = time.nanoTime();
        for (PollSplit split : change.splits()) {
            R target = targets.get(split.splitId());
            if (target == null) {
                LOG.warn(
                        "{}: split {} from a checkpoint is no longer configured; it is dropped",
                        feed,
                        split.splitId());
                dropped.add(split.splitId());
                continue;
            }
            long position =
                    settings.fromMs() == null
                            ? 0
                            : Math.max(settings.fromMs(), saturatedAdd(split.cursor(), 1));
            active.put(
                    split.splitId(),
                    new Active<>(split.splitId(), target, split.cursor(), position, now));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            wokenUp = true;
            lock.notifyAll();
        }
    }

    @Override
    public void close() throws Exception {
        poller.close();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }
}
