package io.battleroyale.sources.synthetic;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyntheticWorldTest {

    private static final SyntheticMarketConfig CONFIG = SyntheticMarketConfig.defaults(42, 3);

    @Test
    void sameSeedSameWorldDifferentSeedDifferentWorld() {
        SyntheticWorld a = new SyntheticWorld(CONFIG);
        SyntheticWorld b = new SyntheticWorld(CONFIG);
        SyntheticWorld c = new SyntheticWorld(CONFIG.withSeed(43));
        for (String symbol : CONFIG.symbols()) {
            assertThat(a.allPrices(symbol)).isEqualTo(b.allPrices(symbol));
            assertThat(a.allPrices(symbol)).isNotEqualTo(c.allPrices(symbol));
        }
        for (SyntheticEvent e : CONFIG.events()) {
            assertThat(a.allProbabilities(e.key())).isEqualTo(b.allProbabilities(e.key()));
            assertThat(a.allProbabilities(e.key())).isNotEqualTo(c.allProbabilities(e.key()));
        }
    }

    @Test
    void aSeriesDoesNotDependOnWhatElseIsGeneratedOrOnTheSymbolList() {
        List<PriceBar> alone = new SyntheticWorld(CONFIG).allPrices("QQQ");
        SyntheticWorld busy = new SyntheticWorld(CONFIG);
        var spy = busy.prices("SPY");
        var qqq = busy.prices("QQQ");
        var hike = busy.probabilities("fed_hike");
        List<PriceBar> interleaved = new ArrayList<>();
        while (qqq.hasNext()) {
            interleaved.add(qqq.next());
            if (spy.hasNext()) {
                spy.next();
            }
            if (hike.hasNext()) {
                hike.next();
            }
        }
        assertThat(interleaved).isEqualTo(alone);
        assertThat(new SyntheticWorld(CONFIG.withSymbols(List.of("QQQ", "SPY"))).allPrices("QQQ"))
                .isEqualTo(alone);
    }

    @Test
    void barsAreWellFormedAndSessionsFollowWeekdays() {
        SyntheticMarketConfig week = CONFIG.withEpochs(6);
        List<PriceBar> bars = new SyntheticWorld(week).allPrices("SPY");
        assertThat(bars).hasSize(6 * 390);
        assertThat(bars)
                .allSatisfy(
                        b -> {
                            assertThat(b.lengthMs()).isEqualTo(60_000);
                            assertThat(b.low())
                                    .isPositive()
                                    .isLessThanOrEqualTo(Math.min(b.open(), b.close()));
                            assertThat(b.high())
                                    .isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
                            assertThat(b.volume()).isNotNegative();
                        });
        assertThat(Instant.ofEpochMilli(bars.get(0).tsEvent())).isEqualTo("2026-01-05T14:30:00Z");
        assertThat(Instant.ofEpochMilli(bars.get(389).tsEvent())).isEqualTo("2026-01-05T20:59:00Z");
        assertThat(Instant.ofEpochMilli(bars.get(390).tsEvent())).isEqualTo("2026-01-06T14:30:00Z");
        // epoch 5 follows Friday 01-09: Monday 01-12
        assertThat(Instant.ofEpochMilli(bars.get(5 * 390).tsEvent()))
                .isEqualTo("2026-01-12T14:30:00Z");
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).tsEvent()).isGreaterThan(bars.get(i - 1).tsEvent());
        }
    }

    @Test
    void ticksFollowTheProbabilityPath() {
        SyntheticWorld world = new SyntheticWorld(CONFIG);
        double[] path = world.probabilityPath("recession");
        List<ProbabilityTick> ticks = world.allProbabilities("recession");
        assertThat(ticks.get(0).yesProbability())
                .isEqualTo(0.20, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ticks)
                .allSatisfy(
                        t -> {
                            assertThat(t.venue()).isEqualTo("synthetic");
                            assertThat(t.marketId()).isEqualTo("SYN-RECESSION");
                            assertThat(t.eventKey()).isEqualTo("recession");
                            assertThat(t.yesProbability()).isBetween(0.0, 1.0);
                        });
        // ticks at least every 30 bars, and never more than one per bar
        for (int i = 1; i < ticks.size(); i++) {
            long gap = ticks.get(i).tsEvent() - ticks.get(i - 1).tsEvent();
            assertThat(gap).isGreaterThanOrEqualTo(60_000);
        }
        // each tick carries the exact probability at the end of its bar (stamped mid-bar)
        java.util.Map<Long, Integer> barByMid = new java.util.HashMap<>();
        for (int t = 0; t < path.length; t++) {
            barByMid.put(world.barStart(t) + 30_000, t);
        }
        assertThat(ticks)
                .allSatisfy(
                        t ->
                                assertThat(t.yesProbability())
                                        .isEqualTo(path[barByMid.get(t.tsEvent())]));
    }

    @Test
    void fastForwardContinuesExactly() {
        SyntheticWorld world = new SyntheticWorld(CONFIG);
        List<PriceBar> all = world.allPrices("TLT");
        var cursor = world.prices("TLT");
        for (int i = 0; i < 500; i++) {
            cursor.next();
        }
        var restored = new SyntheticWorld(CONFIG).prices("TLT").fastForward(cursor.position());
        List<PriceBar> rest = new ArrayList<>();
        restored.forEachRemaining(rest::add);
        assertThat(rest).isEqualTo(all.subList(500, all.size()));

        List<ProbabilityTick> ticks = world.allProbabilities("cpi_hot");
        var tickCursor = world.probabilities("cpi_hot");
        for (int i = 0; i < 17; i++) {
            tickCursor.next();
        }
        tickCursor.hasNext(); // look-ahead must not leak into the position
        var restoredTicks =
                new SyntheticWorld(CONFIG)
                        .probabilities("cpi_hot")
                        .fastForward(tickCursor.position());
        List<ProbabilityTick> restTicks = new ArrayList<>();
        restoredTicks.forEachRemaining(restTicks::add);
        assertThat(restTicks).isEqualTo(ticks.subList(17, ticks.size()));
    }

    @Test
    void splitSerializersRoundTrip() throws Exception {
        SyntheticSplit split = new SyntheticSplit("BTC-USD", 123_456_789_012L);
        SyntheticSplitSerializer s = SyntheticSplitSerializer.INSTANCE;
        assertThat(s.deserialize(s.getVersion(), s.serialize(split))).isEqualTo(split);
        List<SyntheticSplit> pending = List.of(split, new SyntheticSplit("fed_hike", 0));
        var p = SyntheticSplitSerializer.Pending.INSTANCE;
        assertThat(p.deserialize(p.getVersion(), p.serialize(pending))).isEqualTo(pending);
        assertThat(p.deserialize(p.getVersion(), p.serialize(List.of()))).isEmpty();
        assertThatThrownBy(() -> s.deserialize(99, s.serialize(split)))
                .hasMessageContaining("version 99");
    }

    @Test
    void regimesSwitchAndVolatileIsMoreVolatile() {
        SyntheticMarketConfig config = CONFIG.withEpochs(20);
        SyntheticWorld world = new SyntheticWorld(config);
        List<Regime> regimes = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            regimes.add(world.regime(e));
        }
        assertThat(regimes).contains(Regime.CALM, Regime.VOLATILE);
        List<PriceBar> bars = world.allPrices("SPY");
        double[] sd = new double[2];
        for (Regime r : Regime.values()) {
            double[] returns =
                    bars.stream()
                            .filter(b -> world.regimeAt(bars.indexOf(b)) == r)
                            .mapToDouble(b -> Math.log(b.close() / b.open()))
                            .toArray();
            sd[r.ordinal()] = stdev(returns);
        }
        System.out.printf(
                "regimes %s, per-bar sd calm %.5f volatile %.5f%n", regimes, sd[0], sd[1]);
        assertThat(sd[Regime.VOLATILE.ordinal()]).isGreaterThan(1.8 * sd[Regime.CALM.ordinal()]);
    }

    /**
     * The edge: what an agent can observe (ticks as of each bar's end, weighted by the event map's
     * sensitivities, over the last W bars) predicts the symbol's return over the next lag+3 bars.
     * Non-overlapping windows, 20 epochs.
     */
    @Test
    void eventShiftsLeadPrices() {
        SyntheticMarketConfig config = CONFIG.withEpochs(20);
        SyntheticWorld world = new SyntheticWorld(config);
        int bars = (int) config.totalBars();
        int window = 15;
        int horizon = config.lagBars() + 3;
        List<double[]> observed = new ArrayList<>();
        for (SyntheticEvent e : config.events()) {
            observed.add(asOfBarEnd(world, world.allProbabilities(e.key()), bars));
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        StringBuilder perSymbol = new StringBuilder();
        for (String symbol : config.symbols()) {
            List<PriceBar> series = world.allPrices(symbol);
            List<Double> sx = new ArrayList<>();
            List<Double> sy = new ArrayList<>();
            for (int t = window; t + horizon < bars; t += horizon) {
                double signal = 0;
                for (int e = 0; e < observed.size(); e++) {
                    double s = config.events().get(e).sensitivities().getOrDefault(symbol, 0.0);
                    signal += s * (observed.get(e)[t] - observed.get(e)[t - window]);
                }
                sx.add(signal);
                sy.add(Math.log(series.get(t + horizon).close() / series.get(t).close()));
            }
            double r = correlation(sx, sy);
            perSymbol.append(String.format(" %s=%.3f", symbol, r));
            assertThat(r).as(symbol).isPositive();
            xs.addAll(sx);
            ys.addAll(sy);
        }
        double r = correlation(xs, ys);
        double t = r * Math.sqrt(xs.size() - 2) / Math.sqrt(1 - r * r);
        System.out.printf("edge: pooled corr %.3f (t=%.1f, n=%d);%s%n", r, t, xs.size(), perSymbol);
        assertThat(t).isGreaterThan(3.0);
        assertThat(r).as("an edge, not a certainty").isBetween(0.05, 0.6);
    }

    private static double[] asOfBarEnd(
            SyntheticWorld world, List<ProbabilityTick> ticks, int bars) {
        double[] out = new double[bars];
        int i = 0;
        double last = Double.NaN;
        for (int t = 0; t < bars; t++) {
            long end = world.barStart(t) + 60_000;
            while (i < ticks.size() && ticks.get(i).tsEvent() <= end) {
                last = ticks.get(i++).yesProbability();
            }
            out[t] = last;
        }
        return out;
    }

    private static double correlation(List<Double> x, List<Double> y) {
        double mx = x.stream().mapToDouble(d -> d).average().orElseThrow();
        double my = y.stream().mapToDouble(d -> d).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.size(); i++) {
            double dx = x.get(i) - mx, dy = y.get(i) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double stdev(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(d -> (d - m) * (d - m)).sum() / (v.length - 1));
    }
}
