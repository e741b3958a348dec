package io.battleroyale.sources.venues.prices;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.source.PollResult;
import io.battleroyale.sources.venues.source.PollSplit;
import io.battleroyale.sources.venues.source.Poller;
import okhttp3.OkHttpClient;

import java.util.List;

/**
 * Polls closed bars of one feed. History: the bars starting in each window. Live: the bars closed
 * since the cursor (catching up after a restart or an outage, up to one request's worth), or on the
 * first poll without a cursor the latest closed bar (plus {@code liveLookback}).
 */
final class BarPoller implements Poller<PriceFeedRef, PriceBar> {

    /** Fetches the bars starting in {@code [fromMs, toMs)}. */
    @FunctionalInterface
    interface Fetch {
        PollResult<PriceBar> bars(PriceFeedRef ref, long fromMs, long toMs) throws VenueException;
    }

    private final Fetch fetch;
    private final int maxBarsPerCall;
    private final long lookbackMs;
    private final TimeSource time;
    private final OkHttpClient okHttp;

    BarPoller(
            Fetch fetch,
            int maxBarsPerCall,
            long lookbackMs,
            TimeSource time,
            OkHttpClient okHttp) {
        this.fetch = fetch;
        this.maxBarsPerCall = maxBarsPerCall;
        this.lookbackMs = lookbackMs;
        this.time = time;
        this.okHttp = okHttp;
    }

    @Override
    public PollResult<PriceBar> latest(PriceFeedRef ref, long cursor) throws VenueException {
        long now = time.epochMillis();
        long len = ref.lengthMs();
        long earliest = now - maxBarsPerCall * len;
        long from = cursor == PollSplit.NO_CURSOR ? now - 2 * len - lookbackMs : cursor + 1;
        from = Math.max(from, earliest);
        // only bars that have closed: start + length <= now
        long to = now - len + 1;
        if (to <= from) {
            return PollResult.empty();
        }
        PollResult<PriceBar> result = fetch.bars(ref, from, to);
        List<PriceBar> closed = result.records().stream().filter(b -> b.endTs() <= now).toList();
        return new PollResult<>(closed, result.rejections());
    }

    @Override
    public PollResult<PriceBar> history(PriceFeedRef ref, long fromMs, long toMs)
            throws VenueException {
        return fetch.bars(ref, fromMs, toMs);
    }

    @Override
    public long historyWindowMs(PriceFeedRef target) {
        return maxBarsPerCall * target.lengthMs();
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
