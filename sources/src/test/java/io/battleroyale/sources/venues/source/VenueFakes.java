package io.battleroyale.sources.venues.source;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.battleroyale.sources.testing.Fixtures.ok;

/**
 * Deterministic fake venues for MockWebServer: each answers from a fixed data set in the documented
 * shape and slices it by the request's time window, as the real venues do.
 */
final class VenueFakes {

    private VenueFakes() {}

    /** The deterministic yes probability of a market at a time (3 decimals, in (0, 1)). */
    static double p(String market, long tsMillis) {
        long h = Math.floorMod((market.hashCode() * 31L + tsMillis / 60_000L) * 2654435761L, 900L);
        return (50 + h) / 1000.0;
    }

    /** The deterministic bar of a product at a start time. */
    static PriceBar bar(String product, long startMs, long lengthMs) {
        double base = 100 + Math.floorMod(product.hashCode(), 50) + (startMs / lengthMs) % 37;
        return new PriceBar(product, startMs, lengthMs, base, base + 2, base - 1, base + 1, 10);
    }

    /**
     * Kalshi candlesticks: one per {@code period} minutes for every candle end in {@code [dataFrom,
     * dataTo]} (seconds) that lies in the request's {@code [start_ts, end_ts]}; bid and ask 0.01
     * around {@link #p}.
     */
    static Dispatcher kalshiCandles(long dataFromS, long dataToS) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getUrl();
                List<String> seg = url.pathSegments();
                String ticker = seg.get(seg.size() - 2);
                long start = Long.parseLong(url.queryParameter("start_ts"));
                long end = Long.parseLong(url.queryParameter("end_ts"));
                long period = Long.parseLong(url.queryParameter("period_interval")) * 60;
                StringBuilder sb =
                        new StringBuilder("{\"ticker\":\"" + ticker + "\",\"candlesticks\":[");
                String sep = "";
                for (long t = dataFromS; t <= dataToS; t += period) {
                    if (t < start || t > end) {
                        continue;
                    }
                    double mid = p(ticker, t * 1000);
                    sb.append(sep)
                            .append("{\"end_period_ts\":")
                            .append(t)
                            .append(",\"yes_bid\":{\"close_dollars\":\"")
                            .append(dollars(mid - 0.01))
                            .append("\"},\"yes_ask\":{\"close_dollars\":\"")
                            .append(dollars(mid + 0.01))
                            .append(
                                    "\"},\"price\":{\"close_dollars\":null},\"volume_fp\":\"0.00\"}");
                    sep = ",";
                }
                return ok(sb.append("]}").toString());
            }
        };
    }

    /** The ticks {@link #kalshiCandles} serves for {@code ticker} in {@code [fromMs, toMs)}. */
    static List<ProbabilityTick> kalshiTicks(
            String ticker,
            String eventKey,
            long dataFromS,
            long dataToS,
            long periodS,
            long fromMs,
            long toMs) {
        List<ProbabilityTick> out = new ArrayList<>();
        for (long t = dataFromS; t <= dataToS; t += periodS) {
            long ms = t * 1000;
            if (ms >= fromMs && ms < toMs) {
                // the midpoint of bid p-0.01 and ask p+0.01, computed exactly, is p
                out.add(new ProbabilityTick("kalshi", ticker, eventKey, ms, p(ticker, ms)));
            }
        }
        return out;
    }

    /** Polymarket prices-history: a point every {@code stepS} in the data range, sliced. */
    static Dispatcher polymarketHistory(long dataFromS, long dataToS, long stepS) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getUrl();
                String token = url.queryParameter("market");
                long start = Long.parseLong(url.queryParameter("startTs"));
                long end = Long.parseLong(url.queryParameter("endTs"));
                StringBuilder sb = new StringBuilder("{\"history\":[");
                String sep = "";
                for (long t = dataFromS; t <= dataToS; t += stepS) {
                    if (t >= start && t <= end) {
                        sb.append(sep)
                                .append("{\"t\":")
                                .append(t)
                                .append(",\"p\":")
                                .append(p(token, t * 1000))
                                .append('}');
                        sep = ",";
                    }
                }
                return ok(sb.append("]}").toString());
            }
        };
    }

    /**
     * Coinbase candles for every start in {@code [dataFrom, dataTo)} (ms) that lies in the
     * request's {@code [start, end]}, newest first, times in seconds.
     */
    static Dispatcher coinbaseCandles(long dataFromMs, long dataToMs, List<RecordedRequest> seen) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                synchronized (seen) {
                    seen.add(request);
                }
                HttpUrl url = request.getUrl();
                List<String> seg = url.pathSegments();
                String product = seg.get(seg.size() - 2);
                long len = Long.parseLong(url.queryParameter("granularity")) * 1000;
                long start = Instant.parse(url.queryParameter("start")).toEpochMilli();
                long end = Instant.parse(url.queryParameter("end")).toEpochMilli();
                List<String> rows = new ArrayList<>();
                for (long t = dataFromMs; t < dataToMs; t += len) {
                    if (t >= start && t <= end) {
                        PriceBar b = bar(product, t, len);
                        rows.add(
                                0,
                                "["
                                        + t / 1000
                                        + ","
                                        + b.low()
                                        + ","
                                        + b.high()
                                        + ","
                                        + b.open()
                                        + ","
                                        + b.close()
                                        + ","
                                        + b.volume()
                                        + "]");
                    }
                }
                return ok("[" + String.join(",", rows) + "]");
            }
        };
    }

    static String dollars(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
