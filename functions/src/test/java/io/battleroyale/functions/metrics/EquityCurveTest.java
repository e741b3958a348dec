package io.battleroyale.functions.metrics;

import io.battleroyale.model.LeaderboardRow;
import io.battleroyale.model.SleeveMark;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EquityCurveTest {

    private static final double EPS = 1e-12;

    @Test
    void sumsSleevesCarriesForwardAndDoesNotCountNewCapitalAsReturn() {
        EquityCurve curve = new EquityCurve();
        curve.addMark(mark("SPY", 1, 1_100, 1, 1));
        LeaderboardRow p1 = curve.closePeriod("trend", 1);
        // one sleeve: 1000 -> 1100
        assertThat(p1.equity()).isEqualTo(1_100.0);
        assertThat(p1.capital()).isEqualTo(1_000.0);
        assertThat(p1.totalReturn()).isCloseTo(0.1, within(EPS));
        assertThat(p1.sleeves()).isEqualTo(1);
        assertThat(p1.winRate()).isEqualTo(1.0);

        // QQQ appears with 1000 of new capital and makes 50; SPY has no mark: carried at 1100.
        curve.addMark(mark("QQQ", 2, 1_050, 0, 0));
        LeaderboardRow p2 = curve.closePeriod("trend", 2);
        assertThat(p2.equity()).isEqualTo(2_150.0);
        assertThat(p2.capital()).isEqualTo(2_000.0);
        assertThat(p2.sleeves()).isEqualTo(2);
        // return (2150 − (1100 + 1000)) / 2100, not (2150 − 1100) / 1100
        assertThat(curve.returns.count).isEqualTo(2);
        assertThat(curve.returns.mean).isCloseTo((0.1 + 50.0 / 2_100) / 2, within(EPS));
        assertThat(p2.totalReturn()).isCloseTo(0.075, within(EPS));
        assertThat(p2.trades()).isEqualTo(1);
        assertThat(p2.winRate()).isEqualTo(1.0);

        // Both fall: (1890 − 2150) / 2150
        curve.addMark(mark("SPY", 3, 990, 2, 1));
        curve.addMark(mark("QQQ", 3, 900, 1, 0));
        LeaderboardRow p3 = curve.closePeriod("trend", 3);
        double r3 = (1_890.0 - 2_150) / 2_150;
        assertThat(p3.maxDrawdown()).isCloseTo(-r3, within(EPS));
        assertThat(p3.trades()).isEqualTo(3);
        assertThat(p3.winRate()).isCloseTo(1.0 / 3, within(EPS));
        // three periods say nothing about a year
        assertThat(p3.sharpe()).isNaN();
        assertThat(p3.sortino()).isNaN();
    }

    @Test
    void ratiosAreAnnualisedByTheActualMarkingFrequency() {
        long day = 86_400_000L;
        // the same 40 returns, marked every calendar day (crypto) and on weekdays only
        double[] equity = new double[41];
        equity[0] = 1_000;
        for (int i = 1; i <= 40; i++) {
            equity[i] = equity[i - 1] * (1 + 0.01 * Math.sin(i) + 0.002);
        }
        for (boolean everyDay : new boolean[] {true, false}) {
            EquityCurve curve = new EquityCurve();
            LeaderboardRow last = null;
            long firstReturnTs = 0;
            long ts = 0;
            for (int i = 1; i <= 40; i++) {
                ts += everyDay || i % 5 != 1 ? day : 3 * day; // weekdays: skip each weekend
                if (i == 1) {
                    firstReturnTs = ts;
                }
                curve.addMark(mark("SPY", ts, equity[i], 0, 0));
                last = curve.closePeriod("trend", ts);
            }
            // independent: sample mean and deviation of the returns, first return vs 1000 cash
            double[] r = new double[40];
            double mean = 0;
            for (int i = 0; i < 40; i++) {
                r[i] = equity[i + 1] / equity[i] - 1;
                mean += r[i] / 40;
            }
            double ss = 0;
            for (double x : r) {
                ss += (x - mean) * (x - mean);
            }
            double years = (ts - firstReturnTs) / (365.25 * day);
            double perYear = 39 / years;
            assertThat(last.sharpe())
                    .isCloseTo(mean / Math.sqrt(ss / 39) * Math.sqrt(perYear), within(1e-9));
            assertThat(perYear).isBetween(everyDay ? 365.0 : 250.0, everyDay ? 366.0 : 275.0);
        }
    }

    @Test
    void countsOpenPositionsAndSumsTheirUnrealisedPnlOfTheLatestMarks() {
        EquityCurve curve = new EquityCurve();
        curve.addMark(new SleeveMark("trend", "SPY", 1, 1_050, 1_000, 2.5, 40.0, 0, 0, false));
        curve.addMark(new SleeveMark("trend", "TLT", 1, 990, 1_000, -1.0, -12.5, 1, 0, false));
        curve.addMark(new SleeveMark("trend", "GLD", 1, 1_010, 1_000, 0, 0, 1, 1, false));
        LeaderboardRow first = curve.closePeriod("trend", 1);
        assertThat(first.openPositions()).isEqualTo(2);
        assertThat(first.unrealizedPnl()).isEqualTo(27.5);
        assertThat(first.trades()).isEqualTo(2);

        // SPY closed its position; TLT is carried forward at its latest mark
        curve.addMark(new SleeveMark("trend", "SPY", 2, 1_060, 1_000, 0, 0, 1, 1, false));
        LeaderboardRow second = curve.closePeriod("trend", 2);
        assertThat(second.openPositions()).isEqualTo(1);
        assertThat(second.unrealizedPnl()).isEqualTo(-12.5);
    }

    @Test
    void drawdownIsPeakToTroughWhenAllSleevesStartTogether() {
        EquityCurve curve = new EquityCurve();
        double[] spy = {1_100, 1_200, 900, 1_300, 1_200};
        double[] qqq = {1_000, 1_000, 1_000, 1_000, 1_000};
        LeaderboardRow row = null;
        for (int t = 0; t < spy.length; t++) {
            curve.addMark(mark("SPY", t, spy[t], 0, 0));
            curve.addMark(mark("QQQ", t, qqq[t], 0, 0));
            row = curve.closePeriod("trend", t);
        }
        // summed: 2100, 2200, 1900, 2300, 2200 -> (2200 − 1900) / 2200
        assertThat(row.maxDrawdown()).isCloseTo(300.0 / 2_200, within(1e-12));
        assertThat(row.winRate()).isNaN();
        assertThat(row.totalReturn()).isCloseTo(0.1, within(EPS));
    }

    @Test
    void resultsAreBitIdenticalWhateverTheArrivalOrder() {
        Random random = new Random(3);
        List<List<SleeveMark>> periods = new ArrayList<>();
        String[] symbols = {"SPY", "QQQ", "TLT", "GLD", "BTC", "ETH", "UUP"};
        for (int t = 0; t < 50; t++) {
            List<SleeveMark> marks = new ArrayList<>();
            for (String s : symbols) {
                if (random.nextInt(4) > 0) {
                    marks.add(mark(s, t, 1_000 * (1 + 0.1 * random.nextGaussian()), t, t / 2));
                }
            }
            periods.add(marks);
        }
        List<LeaderboardRow> ordered = run(periods, null);
        for (long seed = 0; seed < 5; seed++) {
            assertThat(run(periods, new Random(seed))).isEqualTo(ordered);
        }
    }

    private static List<LeaderboardRow> run(List<List<SleeveMark>> periods, Random shuffle) {
        EquityCurve curve = new EquityCurve();
        List<LeaderboardRow> rows = new ArrayList<>();
        for (int t = 0; t < periods.size(); t++) {
            List<SleeveMark> marks = new ArrayList<>(periods.get(t));
            if (shuffle != null) {
                Collections.shuffle(marks, shuffle);
            }
            marks.forEach(curve::addMark);
            rows.add(curve.closePeriod("trend", t));
        }
        return rows;
    }

    private static SleeveMark mark(String symbol, long ts, double equity, int trades, int wins) {
        return new SleeveMark("trend", symbol, ts, equity, 1_000, 0, 0, trades, wins, false);
    }
}
