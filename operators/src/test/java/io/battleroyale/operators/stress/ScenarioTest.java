package io.battleroyale.operators.stress;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.events.EventMap;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each scenario on a few hand-made records, against the numbers its formula gives by hand. */
class ScenarioTest {
    private static final long MIN = 60_000;
    private static final EventMap MAP =
            EventMap.parse(
                    """
                    version: 1
                    groups:
                      fed_hike:
                        match: ["fed_hike", "FOMC-*:hike*"]
                        symbols: {SPY: -1.0, UUP: 0.5}
                      recession:
                        match: ["recession"]
                        symbols: {SPY: -1.0}
                    """,
                    "test map");

    @Test
    void volatilitySpikeScalesLogReturnsInsideTheWindowAndKeepsTheLevelAfter() {
        var spike = new VolatilitySpike(List.of("SPY"), 2 * MIN, 4 * MIN, 3.0);
        // closes 100, 101, 99, 102, 103 at minutes 0..4; the window holds bars 2 and 3
        List<PriceBar> out = apply(spike, closes("SPY", 100, 101, 99, 102, 103));

        assertThat(out.get(0).close()).isEqualTo(100);
        assertThat(out.get(1).close()).isEqualTo(101);
        double c2 = 101 * Math.pow(99 / 101.0, 3);
        double c3 = c2 * Math.pow(102 / 99.0, 3);
        assertThat(out.get(2).close()).isCloseTo(c2, within(1e-9));
        assertThat(out.get(3).close()).isCloseTo(c3, within(1e-9));
        assertThat(out.get(4).close()).isCloseTo(c3 * 103 / 102.0, within(1e-9));
        // the log return inside is exactly k times the original one
        assertThat(Math.log(out.get(3).close() / out.get(2).close()))
                .isCloseTo(3 * Math.log(102 / 99.0), within(1e-12));
        // highs and lows follow the same map and stay ordered
        PriceBar b2 = out.get(2);
        assertThat(b2.high()).isCloseTo(101 * Math.pow(101.5 / 101.0, 3), within(1e-9));
        assertThat(b2.low()).isLessThanOrEqualTo(Math.min(b2.open(), b2.close()));
        assertThat(b2.high()).isGreaterThanOrEqualTo(Math.max(b2.open(), b2.close()));
        // other symbols are untouched
        assertThat(apply(spike, closes("QQQ", 100, 50, 25))).isEqualTo(closes("QQQ", 100, 50, 25));
    }

    @Test
    void flashCrashFollowsTheVShapeAndShowsAnIntrabarBottomInTheLow() {
        // falls 20% over 10 min from minute 10, wins back half over 20 min, stays at -10%
        var crash = new FlashCrash(List.of(), 10 * MIN, 10 * MIN, 20 * MIN, 0.20, 0.5);
        assertThat(crash.multiplier(10 * MIN)).isEqualTo(1.0);
        assertThat(crash.multiplier(15 * MIN)).isCloseTo(0.90, within(1e-12));
        assertThat(crash.multiplier(20 * MIN)).isCloseTo(0.80, within(1e-12));
        assertThat(crash.multiplier(30 * MIN)).isCloseTo(0.85, within(1e-12));
        assertThat(crash.multiplier(40 * MIN)).isCloseTo(0.90, within(1e-12));
        assertThat(crash.multiplier(400 * MIN)).isCloseTo(0.90, within(1e-12));

        // a 30-minute bar [0, 30 min]: open at 1, close at 0.85, low at the bottom 0.80
        PriceBar bar = new PriceBar("SPY", 0, 30 * MIN, 100, 101, 99, 100, 5);
        PriceBar out = crash.price(bar, Double.NaN, Double.NaN);
        assertThat(out.open()).isEqualTo(100);
        assertThat(out.close()).isCloseTo(85, within(1e-9));
        assertThat(out.low()).isCloseTo(99 * 0.80, within(1e-9));
        assertThat(out.high()).isCloseTo(101, within(1e-9));
        assertThat(out.volume()).isEqualTo(5);
        // a bar that ends before the crash is untouched
        PriceBar before = new PriceBar("SPY", 0, 10 * MIN, 100, 101, 99, 100, 5);
        assertThat(crash.price(before, Double.NaN, Double.NaN)).isSameAs(before);
    }

    @Test
    void rateShockLiftsTheGroupsTicksAndRepricesBySensitivity() {
        var shock = new RateShock(MAP, "fed_hike", 10 * MIN, 0.40, 0.10);
        ProbabilityTick before = tick("FOMC-2024-03:hike25", 9 * MIN, 0.30);
        assertThat(shock.probability(before)).isEqualTo(before);
        assertThat(shock.probability(tick("FOMC-2024-03:hike25", 10 * MIN, 0.30)).yesProbability())
                .isCloseTo(0.70, within(1e-12));
        assertThat(shock.probability(tick("fed_hike", 11 * MIN, 0.80)).yesProbability())
                .isEqualTo(1.0); // clamped
        ProbabilityTick otherGroup = tick("recession", 11 * MIN, 0.30);
        assertThat(shock.probability(otherGroup)).isEqualTo(otherGroup);

        // SPY (s = -1): × exp(-0.04) after T; UUP (s = +0.5): × exp(+0.02); GLD: not in the group
        PriceBar spy = new PriceBar("SPY", 10 * MIN, MIN, 100, 102, 98, 101, 1);
        PriceBar shocked = shock.price(spy, Double.NaN, Double.NaN);
        assertThat(shocked.close()).isCloseTo(101 * Math.exp(-0.04), within(1e-9));
        assertThat(shocked.low()).isCloseTo(98 * Math.exp(-0.04), within(1e-9));
        assertThat(shock.price(new PriceBar("UUP", 20 * MIN, MIN, 10, 10, 10, 10, 1), 0, 0).close())
                .isCloseTo(10 * Math.exp(0.02), within(1e-9));
        // a bar straddling T opens unshocked and closes shocked
        PriceBar straddle =
                shock.price(new PriceBar("SPY", 9 * MIN, 2 * MIN, 100, 100, 100, 100, 1), 0, 0);
        assertThat(straddle.open()).isEqualTo(100);
        assertThat(straddle.close()).isCloseTo(100 * Math.exp(-0.04), within(1e-9));
        PriceBar gld = new PriceBar("GLD", 20 * MIN, MIN, 10, 10, 10, 10, 1);
        assertThat(shock.price(gld, 0, 0)).isSameAs(gld);
    }

    @Test
    void whipsawAlternatesUpAndDownByPeriodInsideTheWindowOnly() {
        var whipsaw = new ProbabilityWhipsaw(MAP, "fed_hike", 10 * MIN, 30 * MIN, 5 * MIN, 0.25);
        double[] expected = {0.50, 0.75, 0.75, 0.25, 0.75, 0.25, 0.50};
        long[] times = {9, 10, 14, 15, 20, 29, 30};
        for (int i = 0; i < times.length; i++) {
            assertThat(whipsaw.probability(tick("fed_hike", times[i] * MIN, 0.50)).yesProbability())
                    .as("minute %d", times[i])
                    .isCloseTo(expected[i], within(1e-12));
        }
        assertThat(whipsaw.probability(tick("fed_hike", 10 * MIN, 0.90)).yesProbability())
                .isEqualTo(1.0);
        assertThat(whipsaw.probability(tick("recession", 10 * MIN, 0.5)).yesProbability())
                .isEqualTo(0.5);
    }

    @Test
    void staleFeedDropsTheSymbolsBarsInTheWindowAndVenueOutageTheTicks() {
        var stale = new StaleFeed(List.of("SPY"), 2 * MIN, 4 * MIN);
        List<PriceBar> out = apply(stale, closes("SPY", 1, 2, 3, 4, 5));
        assertThat(out).extracting(PriceBar::close).containsExactly(1.0, 2.0, 5.0);
        assertThat(apply(stale, closes("QQQ", 1, 2, 3, 4, 5))).hasSize(5);

        var outage = new VenueOutage("kalshi", 2 * MIN, 4 * MIN);
        assertThat(outage.probability(new ProbabilityTick("kalshi", "m", "fed_hike", 3 * MIN, 0.5)))
                .isNull();
        assertThat(outage.probability(new ProbabilityTick("kalshi", "m", "fed_hike", 4 * MIN, 0.5)))
                .isNotNull();
        assertThat(
                        outage.probability(
                                new ProbabilityTick("polymarket", "m", "fed_hike", 3 * MIN, 0.5)))
                .isNotNull();
        assertThat(
                        new VenueOutage("", 2 * MIN, 4 * MIN)
                                .probability(
                                        new ProbabilityTick(
                                                "polymarket", "m", "fed_hike", 3 * MIN, 0.5)))
                .isNull();
    }

    @Test
    void historicalPathMapsTheFileOntoTheWindowAndReplacesItsGroups() throws Exception {
        String csv =
                """
                timestamp,venue,market_id,event_key,yes_probability
                1000,polymarket,m1,FOMC-2022-03:hike25,0.40
                3000,polymarket,m1,FOMC-2022-03:hike25,0.90
                2000,polymarket,m9,unmapped-key,0.10
                5000,polymarket,m1,FOMC-2022-03:hike25,0.20
                """;
        var path =
                HistoricalPath.load(MAP, "path.csv", new StringReader(csv), 100 * MIN, 200 * MIN);
        // f0 = 1000, f1 = 5000: t' = T + (t - 1000) * (100 min) / 4000
        assertThat(path.addedProbabilities())
                .extracting(ProbabilityTick::tsEvent)
                .containsExactly(100 * MIN, 150 * MIN, 200 * MIN - 1);
        assertThat(path.addedProbabilities())
                .extracting(ProbabilityTick::yesProbability)
                .containsExactly(0.40, 0.90, 0.20);
        assertThat(path.groups()).containsExactly("fed_hike");
        assertThat(path.probability(tick("fed_hike", 5, 0.3))).isNull();
        assertThat(path.probability(tick("recession", 5, 0.3))).isNotNull();

        assertThatThrownBy(
                        () ->
                                HistoricalPath.load(
                                        MAP,
                                        "bad.csv",
                                        new StringReader(
                                                "timestamp,venue,market_id,event_key,yes_probability\n"
                                                        + "x,p,m,fed_hike,0.5\n"),
                                        0,
                                        1))
                .hasMessageStartingWith("bad.csv: line 2: timestamp");
    }

    /** Runs bars through a scenario the way the injector does: previous closes in and out. */
    static List<PriceBar> apply(Scenario scenario, List<PriceBar> bars) {
        return ScenarioInjector.transform(scenario, bars);
    }

    /** One-minute bars at minutes 0, 1, ... opening at the previous close, high/low ±0.5. */
    static List<PriceBar> closes(String symbol, double... closes) {
        List<PriceBar> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            double open = i == 0 ? closes[0] : closes[i - 1];
            bars.add(
                    new PriceBar(
                            symbol,
                            i * MIN,
                            MIN,
                            open,
                            Math.max(open, closes[i]) + 0.5,
                            Math.min(open, closes[i]) - 0.5,
                            closes[i],
                            10));
        }
        return bars;
    }

    static ProbabilityTick tick(String key, long ts, double p) {
        return new ProbabilityTick("polymarket", "m-" + key, key, ts, p);
    }
}
