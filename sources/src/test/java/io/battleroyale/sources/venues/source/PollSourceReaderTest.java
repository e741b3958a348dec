package io.battleroyale.sources.venues.source;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueStatus;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.venues.SkipReason;
import io.battleroyale.sources.venues.http.Backoff;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.RetryPolicy;
import io.battleroyale.sources.venues.prices.PriceFeedRef;
import io.battleroyale.sources.venues.prices.PriceSources;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.battleroyale.sources.testing.Fixtures.ok;
import static io.battleroyale.sources.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the polling reader directly: restore from split state, health, rejections. */
class PollSourceReaderTest {

    private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final HttpSettings FAST =
            HttpSettings.defaults(1000)
                    .withRetry(
                            new RetryPolicy(
                                    1,
                                    new Backoff(Duration.ZERO, Duration.ZERO, 2),
                                    Duration.ofSeconds(1)));

    @StartStop private final MockWebServer server = new MockWebServer();

    // ---------------------------------------------------------------- restore, unbounded

    private PollingSource<PriceFeedRef, PriceBar> coinbaseLive() {
        return PriceSources.coinbase(
                server.url("/").toString(),
                List.of("BTC-USD", "ETH-USD"),
                Duration.ofMinutes(1),
                PollSettings.live(Duration.ofMinutes(1))
                        .startingAt(Instant.ofEpochMilli(T0))
                        .withMaxFetchWait(Duration.ofSeconds(30)),
                FAST);
    }

    /** Runs one reader over {@code splits} until {@code n} bars; returns them and its state. */
    private record Run(List<PriceBar> bars, List<PollSplit> state) {}

    private Run run(
            PollingSource<PriceFeedRef, PriceBar> source,
            StepClock clock,
            List<PollSplit> splits,
            int n)
            throws Exception {
        var reader = source.createReader(ReaderDriver.context(), clock);
        reader.start();
        reader.addSplits(splits);
        ReaderDriver<PriceBar> out = new ReaderDriver<>();
        List<PriceBar> bars = out.pollUntil(reader, n);
        List<PollSplit> state = reader.snapshotState(1);
        reader.close();
        return new Run(bars, state);
    }

    @Test
    void liveBarsRestoredFromSplitStateNeitherRepeatNorSkip() throws Exception {
        // 20 one-minute candles per product exist; the clock starts 5 minutes in and moves on
        server.setDispatcher(VenueFakes.coinbaseCandles(T0, T0 + 20 * MINUTE, new ArrayList<>()));
        PollingSource<PriceFeedRef, PriceBar> source = coinbaseLive();

        List<PriceBar> uninterrupted =
                run(source, new StepClock(T0 + 5 * MINUTE + 30_000), source.initialSplits(), 40)
                        .bars();

        StepClock clock = new StepClock(T0 + 5 * MINUTE + 30_000);
        Run first = run(source, clock, source.initialSplits(), 13);
        assertThat(first.state())
                .extracting(PollSplit::splitId)
                .containsExactlyInAnyOrder("coinbase:BTC-USD", "coinbase:ETH-USD");
        // the restored reader starts from the checkpointed cursors, through the serializer
        List<PollSplit> restored = new ArrayList<>();
        for (PollSplit s : first.state()) {
            restored.add(
                    PollSplitSerializer.INSTANCE.deserialize(
                            PollSplitSerializer.VERSION,
                            PollSplitSerializer.INSTANCE.serialize(s)));
        }
        Run second = run(source, clock, restored, 40 - 13);

        List<PriceBar> concatenated = new ArrayList<>(first.bars());
        concatenated.addAll(second.bars());
        assertThat(byProduct(concatenated, "BTC-USD"))
                .isEqualTo(byProduct(uninterrupted, "BTC-USD"));
        assertThat(byProduct(concatenated, "ETH-USD"))
                .isEqualTo(byProduct(uninterrupted, "ETH-USD"));
        List<PriceBar> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(VenueFakes.bar("BTC-USD", T0 + i * MINUTE, MINUTE));
        }
        assertThat(byProduct(uninterrupted, "BTC-USD")).isEqualTo(expected);
    }

    private static List<PriceBar> byProduct(List<PriceBar> bars, String product) {
        return bars.stream().filter(b -> b.symbol().equals(product)).toList();
    }

    // ---------------------------------------------------------------- restore, bounded

    @Test
    void historyRestoredMidwayEqualsOneRun() throws Exception {
        long from = T0;
        long to = T0 + Duration.ofDays(30).toMillis();
        server.setDispatcher(
                VenueFakes.polymarketHistory(from / 1000 - 86_400, to / 1000 + 86_400, 86_400));
        PollingSource<VenueMarketRef, ProbabilityTick> source =
                ProbabilitySources.polymarket(
                        server.url("/gamma").toString(),
                        server.url("/clob").toString(),
                        List.of(VenueMarketRef.polymarket("fed-cut-june", "123456789", "fed_cut")),
                        PollSettings.history(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))
                                .withHistoryResolution(Duration.ofDays(1)),
                        FAST,
                        FAST);

        ReaderDriver<ProbabilityTick> whole = new ReaderDriver<>();
        var oneReader = source.createReader(ReaderDriver.context(), new StepClock(to));
        oneReader.start();
        oneReader.addSplits(source.initialSplits());
        oneReader.notifyNoMoreSplits();
        List<ProbabilityTick> uninterrupted = whole.pollToEnd(oneReader);
        oneReader.close();
        assertThat(uninterrupted).hasSize(30);
        assertThat(uninterrupted.get(0))
                .isEqualTo(
                        new ProbabilityTick(
                                "polymarket",
                                "fed-cut-june",
                                "fed_cut",
                                from,
                                VenueFakes.p("123456789", from)));

        var a = source.createReader(ReaderDriver.context(), new StepClock(to));
        a.start();
        a.addSplits(source.initialSplits());
        a.notifyNoMoreSplits();
        ReaderDriver<ProbabilityTick> outA = new ReaderDriver<>();
        List<ProbabilityTick> part1 = outA.pollUntil(a, 17);
        List<PollSplit> state = a.snapshotState(7);
        a.close();
        assertThat(state)
                .containsExactly(new PollSplit("polymarket:fed-cut-june", part1.get(16).tsEvent()));

        var b = source.createReader(ReaderDriver.context(), new StepClock(to));
        b.start();
        b.addSplits(state);
        b.notifyNoMoreSplits();
        List<ProbabilityTick> part2 = new ReaderDriver<ProbabilityTick>().pollToEnd(b);
        b.close();

        List<ProbabilityTick> concatenated = new ArrayList<>(part1);
        concatenated.addAll(part2);
        assertThat(concatenated).isEqualTo(uninterrupted);
        assertThat(outA.timestamps().get(0)).isEqualTo(from);
    }

    // ---------------------------------------------------------------- health

    @Test
    void venueDownWarnsOnceThenRecoversOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String market =
                "{\"market\":{\"ticker\":\"KXFED-26JUN-T3.75\",\"status\":\"active\","
                        + "\"yes_bid_dollars\":\"0.4200\",\"yes_ask_dollars\":\"0.4400\"}}";
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        int n = calls.incrementAndGet();
                        if (n <= 4) {
                            return status(503, "<html><title>Down</title></html>");
                        }
                        return ok(market);
                    }
                });
        PollingSource<VenueMarketRef, ProbabilityTick> source =
                ProbabilitySources.kalshi(
                        server.url("/trade-api/v2").toString(),
                        List.of(VenueMarketRef.kalshi("KXFED-26JUN-T3.75", "fed_hike")),
                        PollSettings.live(Duration.ofSeconds(30)),
                        FAST,
                        false);
        try (LogCapture log = LogCapture.of(FeedHealth.class)) {
            var reader = source.createReader(ReaderDriver.context(), new StepClock(T0));
            reader.start();
            reader.addSplits(source.initialSplits());
            ReaderDriver<ProbabilityTick> out = new ReaderDriver<>();
            out.pollWhileNot(reader, () -> reader.health().state() == FeedHealth.State.DOWN);
            assertThat(reader.health().upGauge()).isZero();
            List<ProbabilityTick> ticks = out.pollUntil(reader, 2);
            reader.close();

            assertThat(calls.get()).isGreaterThanOrEqualTo(6);
            assertThat(reader.health().upGauge()).isOne();
            assertThat(reader.metrics().pollFailureCount()).isEqualTo(4);
            assertThat(ticks).allSatisfy(t -> assertThat(t.yesProbability()).isEqualTo(0.43));
            assertThat(ticks.get(1).tsEvent()).isGreaterThan(ticks.get(0).tsEvent());

            assertThat(log.at(Level.WARN)).hasSize(1);
            assertThat(log.at(Level.WARN).get(0).message())
                    .startsWith("kalshi is unavailable (unreachable: kalshi GET")
                    .contains("HTTP 503")
                    .contains("fallback");
            assertThat(log.at(Level.INFO)).hasSize(1);
            assertThat(log.at(Level.INFO).get(0).message())
                    .startsWith("kalshi is reachable again after 4 failed poll(s)");
            assertThat(FeedHealth.lastKnown("kalshi")).contains(FeedHealth.State.UP);
        }
    }

    @Test
    void withHealthTheTransitionsTravelInTheStreamBesideTheQuotes() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String market =
                "{\"market\":{\"ticker\":\"KXFED-26JUN-T3.75\",\"status\":\"active\","
                        + "\"yes_bid_dollars\":\"0.4200\",\"yes_ask_dollars\":\"0.4400\"}}";
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        // two failed polls (a try and a retry each), then answers
                        return calls.incrementAndGet() <= 4
                                ? status(503, "<html><title>Down</title></html>")
                                : ok(market);
                    }
                });
        PollingSource<VenueMarketRef, VenueUpdate> source =
                ProbabilitySources.withHealth(
                        ProbabilitySources.kalshi(
                                server.url("/trade-api/v2").toString(),
                                List.of(VenueMarketRef.kalshi("KXFED-26JUN-T3.75", "fed_hike")),
                                PollSettings.live(Duration.ofSeconds(30)),
                                FAST,
                                false));
        var reader = source.createReader(ReaderDriver.context(), new StepClock(T0));
        reader.start();
        reader.addSplits(source.initialSplits());
        ReaderDriver<VenueUpdate> out = new ReaderDriver<>();
        List<VenueUpdate> updates = out.pollUntil(reader, 4);
        reader.close();

        // one status per transition (not one per failed poll), each before what follows it
        VenueStatus down = updates.get(0).status();
        assertThat(down).isNotNull();
        assertThat(down.venue()).isEqualTo("kalshi");
        assertThat(down.reader()).isZero();
        assertThat(down.up()).isFalse();
        assertThat(down.reason()).startsWith("unreachable: kalshi GET").contains("HTTP 503");
        VenueStatus up = updates.get(1).status();
        assertThat(up).isNotNull();
        assertThat(up.up()).isTrue();
        assertThat(up.reason()).isEmpty();
        assertThat(up.tsEvent()).isGreaterThan(down.tsEvent());
        assertThat(updates.subList(2, 4))
                .allSatisfy(
                        u -> {
                            assertThat(u.status()).isNull();
                            assertThat(u.tick().yesProbability()).isEqualTo(0.43);
                        });
        // a status is stamped with the reader's clock, a quote with its own event time
        assertThat(out.timestamps().get(0)).isEqualTo(down.tsEvent());
        assertThat(out.timestamps().get(2)).isEqualTo(updates.get(2).tick().tsEvent());
    }

    @Test
    void htmlChallengePageCountsAsDownNotAsData() throws Exception {
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        return new MockResponse.Builder()
                                .code(200)
                                .addHeader("Content-Type", "text/html")
                                .body("<html><title>Just a moment...</title></html>")
                                .build();
                    }
                });
        PollingSource<VenueMarketRef, ProbabilityTick> source =
                ProbabilitySources.polymarket(
                        server.url("/gamma").toString(),
                        server.url("/clob").toString(),
                        List.of(VenueMarketRef.polymarket("fed-cut-june", "42", "fed_cut")),
                        PollSettings.live(Duration.ofSeconds(30)),
                        FAST,
                        FAST);
        try (LogCapture log = LogCapture.of(FeedHealth.class)) {
            var reader = source.createReader(ReaderDriver.context(), new StepClock(T0));
            reader.start();
            reader.addSplits(source.initialSplits());
            ReaderDriver<ProbabilityTick> out = new ReaderDriver<>();
            out.pollWhileNot(reader, () -> reader.metrics().pollFailureCount() >= 3);
            reader.close();
            assertThat(out.records()).isEmpty();
            assertThat(reader.health().state()).isEqualTo(FeedHealth.State.DOWN);
            assertThat(log.at(Level.WARN)).hasSize(1);
            assertThat(log.at(Level.WARN).get(0).message())
                    .contains("polymarket is unavailable (not_api")
                    .contains("Just a moment...");
        }
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void malformedPayloadsAreCountedRejectionsNeverTicks() throws Exception {
        List<String> bodies =
                List.of(
                        // no quote at all
                        "{\"market\":{\"ticker\":\"KXCPI-26JUN-T0.3\",\"status\":\"active\"}}",
                        // out of range
                        "{\"market\":{\"ticker\":\"KXCPI-26JUN-T0.3\",\"last_price_dollars\":\"1.7\"}}",
                        // not the documented shape
                        "{\"markets\":[]}",
                        // a valid one
                        "{\"market\":{\"ticker\":\"KXCPI-26JUN-T0.3\",\"last_price_dollars\":\"0.3100\"}}");
        AtomicInteger calls = new AtomicInteger();
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        int n = calls.getAndIncrement();
                        return ok(bodies.get(Math.min(n, bodies.size() - 1)));
                    }
                });
        PollingSource<VenueMarketRef, ProbabilityTick> source =
                ProbabilitySources.kalshi(
                        server.url("/trade-api/v2").toString(),
                        List.of(VenueMarketRef.kalshi("KXCPI-26JUN-T0.3", "cpi_hot")),
                        PollSettings.live(Duration.ofSeconds(30)),
                        FAST,
                        false);
        var reader = source.createReader(ReaderDriver.context(), new StepClock(T0));
        reader.start();
        reader.addSplits(source.initialSplits());
        List<ProbabilityTick> ticks = new ReaderDriver<ProbabilityTick>().pollUntil(reader, 1);
        reader.close();

        assertThat(ticks)
                .containsExactly(
                        new ProbabilityTick(
                                "kalshi", "KXCPI-26JUN-T0.3", "cpi_hot", T0 + 90_000, 0.31));
        PollMetrics m = reader.metrics();
        assertThat(m.rejected(SkipReason.NO_QUOTE)).isEqualTo(1);
        assertThat(m.rejected(SkipReason.OUT_OF_RANGE)).isEqualTo(1);
        assertThat(m.rejected(SkipReason.MALFORMED_RESPONSE)).isEqualTo(1);
        assertThat(m.pollFailureCount()).isZero();
        assertThat(reader.health().state()).isEqualTo(FeedHealth.State.UP);
    }
}
