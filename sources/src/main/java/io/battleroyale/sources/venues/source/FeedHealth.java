package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a venue (or price feed) answers, as seen by one source reader, and the log lines that go
 * with it: <b>one</b> WARN when it goes down (naming the venue and the reason, not one per poll),
 * and one INFO when it answers again. Exposed as the gauge {@code venueUp} (1 up or not yet known,
 * 0 down).
 *
 * <p>Only failures where the venue could not be used at all count as down: {@link
 * VenueException.Kind#UNREACHABLE} (timeouts, 429/5xx after the retries), {@link
 * VenueException.Kind#NOT_API} (an HTML challenge page, an empty body) and {@link
 * VenueException.Kind#HTTP_STATUS}. A malformed answer is a counted rejection, not an outage.
 *
 * <p>{@link #up()} and {@link #down(String)} say whether they were a transition; the reader then
 * emits it as a {@code VenueStatus} record when its source carries health in the stream ({@link
 * PollingSource#emitting}). That record is what the job decides on (the event gate keeps it in
 * checkpointed state), in whatever task manager it runs.
 *
 * <p>The latest transition of every feed in this JVM is also kept in a static map ({@link
 * #lastKnown(String)}). It only serves the console notices of a locally run job ({@code battle}'s
 * MiniCluster runs the readers in the CLI's own JVM); nothing in a job may read it, since on a
 * cluster the readers run in other JVMs.
 */
public final class FeedHealth {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHealth.class);

    private static final Map<String, State> LAST_KNOWN = new ConcurrentHashMap<>();

    private static final Map<String, String> LAST_REASON = new ConcurrentHashMap<>();

    /** What this reader last saw. */
    public enum State {
        /** No poll has finished yet. */
        UNKNOWN,
        UP,
        DOWN
    }

    private final String feed;
    private final TimeSource time;
    private State state = State.UNKNOWN;
    private long downSinceNanos;
    private int failedPolls;
    private String lastReason = "";

    /**
     * @param feed the venue or feed name used in log lines and metrics ({@code kalshi}, {@code
     *     coinbase}, …)
     */
    public FeedHealth(String feed, TimeSource time) {
        this.feed = feed;
        this.time = time;
    }

    /** Whether a failure means the venue is unusable (rather than one bad answer). */
    public static boolean isOutage(VenueException e) {
        return switch (e.kind()) {
            case UNREACHABLE, NOT_API, HTTP_STATUS -> true;
            default -> false;
        };
    }

    /**
     * A poll got a usable answer. Logs the recovery when the feed was down.
     *
     * @return whether this was a transition (the first answer, or a recovery)
     */
    public synchronized boolean up() {
        boolean transition = state != State.UP;
        if (state == State.DOWN) {
            long downMillis = Duration.ofNanos(time.nanoTime() - downSinceNanos).toMillis();
            LOG.info(
                    "{} is reachable again after {} failed poll(s) over {} s; live data from {}"
                            + " resumes and replaces the fallback",
                    feed,
                    failedPolls,
                    downMillis / 1000,
                    feed);
        }
        state = State.UP;
        failedPolls = 0;
        LAST_KNOWN.put(feed, State.UP);
        return transition;
    }

    /**
     * A poll failed with an outage. Logs one WARN on the transition to down.
     *
     * @return whether this was the transition to down
     */
    public synchronized boolean down(VenueException e) {
        return down(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
    }

    /**
     * A poll failed with an outage described by {@code reason}.
     *
     * @return whether this was the transition to down
     */
    public synchronized boolean down(String reason) {
        failedPolls++;
        lastReason = reason;
        boolean transition = state != State.DOWN;
        if (transition) {
            state = State.DOWN;
            downSinceNanos = time.nanoTime();
            LAST_REASON.put(feed, reason);
            LOG.warn(
                    "{} is unavailable ({}); no {} data is emitted until it answers again, and the"
                            + " job runs on its fallback (synthetic event model). Polling"
                            + " continues; recovery will be logged.",
                    feed,
                    reason,
                    feed);
        } else {
            LOG.debug("{} still unavailable ({} failed polls): {}", feed, failedPolls, reason);
        }
        LAST_KNOWN.put(feed, State.DOWN);
        return transition;
    }

    public synchronized State state() {
        return state;
    }

    /** The gauge value: 0 while down, 1 otherwise. */
    public synchronized int upGauge() {
        return state == State.DOWN ? 0 : 1;
    }

    /** Consecutive failed polls since the feed was last up. */
    public synchronized int failedPolls() {
        return failedPolls;
    }

    /** The reason of the last failure, {@code ""} when none. */
    public synchronized String lastReason() {
        return lastReason;
    }

    public String feed() {
        return feed;
    }

    /**
     * The reason of the last transition to down any reader in this JVM saw for {@code feed}, empty
     * when it was never down. For the console notices of a local run only (see the class comment).
     */
    public static Optional<String> lastDownReason(String feed) {
        return Optional.ofNullable(LAST_REASON.get(feed));
    }

    /** Forgets what this JVM saw of {@code feed}: a new local run starts without history. */
    public static void forget(String feed) {
        LAST_KNOWN.remove(feed);
        LAST_REASON.remove(feed);
    }

    /**
     * The last transition any reader in this JVM saw for {@code feed}. For the console notices of a
     * local run only: a job decides on the {@code VenueStatus} records (see the class comment).
     */
    public static Optional<State> lastKnown(String feed) {
        return Optional.ofNullable(LAST_KNOWN.get(feed));
    }
}
