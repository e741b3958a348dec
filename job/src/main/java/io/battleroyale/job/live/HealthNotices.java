package io.battleroyale.job.live;

import io.battleroyale.sources.venues.source.FeedHealth;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the person at the terminal, on stderr, when a live feed goes down and when it comes back:
 * <b>one</b> line per transition, naming the feed and the reason, with what the run does about it.
 *
 * <p>Reads {@link FeedHealth#lastKnown(String)}, which the poll readers of a locally run job
 * update: {@code battle run} and {@code record} run their MiniCluster in this JVM, so the console
 * can watch them. That is all the static serves; what the job does about a venue's health is
 * decided on the {@code VenueStatus} records in the stream ({@link EventGate}), never here.
 */
public final class HealthNotices implements AutoCloseable {

    private final PrintWriter err;
    private final List<String> feeds;
    private final String fallback;
    private final Map<String, FeedHealth.State> seen = new HashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param fallback what happens to a feed's data while it is down, e.g. "running on the
     *     synthetic event model"
     */
    private HealthNotices(PrintWriter err, List<String> feeds, String fallback) {
        this.err = err;
        this.feeds = List.copyOf(feeds);
        this.fallback = fallback;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "battle-feed-health");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Forgets earlier runs' health of these feeds and starts watching them. */
    public static HealthNotices start(PrintWriter err, List<String> feeds, String fallback) {
        feeds.forEach(FeedHealth::forget);
        HealthNotices notices = new HealthNotices(err, feeds, fallback);
        notices.timer.scheduleWithFixedDelay(notices::check, 100, 100, TimeUnit.MILLISECONDS);
        return notices;
    }

    synchronized void check() {
        for (String feed : feeds) {
            FeedHealth.State now = FeedHealth.lastKnown(feed).orElse(FeedHealth.State.UNKNOWN);
            FeedHealth.State before = seen.getOrDefault(feed, FeedHealth.State.UNKNOWN);
            if (now == before) {
                continue;
            }
            seen.put(feed, now);
            if (now == FeedHealth.State.DOWN) {
                err.println(
                        "notice: "
                                + feed
                                + " is unavailable ("
                                + FeedHealth.lastDownReason(feed).orElse("no reason given")
                                + "); "
                                + fallback
                                + " until it answers again. Polling continues.");
            } else if (now == FeedHealth.State.UP && before == FeedHealth.State.DOWN) {
                err.println(
                        "notice: " + feed + " is reachable again; its live data is used again.");
            }
            err.flush();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check();
        for (String feed : feeds) {
            if (seen.getOrDefault(feed, FeedHealth.State.UNKNOWN) == FeedHealth.State.UNKNOWN) {
                err.println(
                        "notice: "
                                + feed
                                + " gave no answer before the run ended (first poll still"
                                + " retrying); "
                                + fallback
                                + ".");
            }
        }
        err.flush();
    }
}
