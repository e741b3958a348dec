package io.battleroyale.sources.synthetic;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded synthetic market (model and equations: {@code docs/synthetic-market.md}). Plain Java,
 * deterministic: every random stream is a {@link SplittableRandom} seeded from (seed, stream name),
 * so one symbol's series is the same whichever reader generates it and in whatever order. A price
 * cursor re-simulates the (cheap) event paths it depends on rather than sharing them.
 *
 * <p>Cursors are not thread-safe; a world is cheap, create one per thread.
 */
public final class SyntheticWorld {

    // --- model constants; docs/synthetic-market.md explains each ---
    static final double P_CALM_TO_VOLATILE = 0.15;
    static final double P_VOLATILE_TO_CALM = 0.35;
    static final double LOGIT_STEP = 0.015;
    static final double JUMP_RATE_CALM = 0.001;
    static final double JUMP_RATE_VOLATILE = 0.006;
    static final double JUMP_SIZE = 0.8;
    static final double LOGIT_BOUND = 5.0;
    static final double SIGMA_CALM = 0.0008;
    static final double SIGMA_VOLATILE = 0.002;
    static final double DRIFT = 0.000002;
    static final double BETA = 0.05;
    static final double IMMEDIATE_SHARE = 0.25;
    static final double[] LAG_WEIGHTS = {1 / 9.0, 2 / 9.0, 3 / 9.0, 2 / 9.0, 1 / 9.0};
    static final double GAP_SIGMAS = 3.0;
    static final double BASE_VOLUME = 10_000;

    private final SyntheticMarketConfig config;
    private final long barMs;
    private final List<Regime> regimes = new ArrayList<>();
    private final SplittableRandom regimeRandom;

    public SyntheticWorld(SyntheticMarketConfig config) {
        this.config = config;
        this.barMs = config.barLength().toMillis();
        this.regimeRandom = new SplittableRandom(streamSeed(config.seed(), "regime"));
        regimes.add(Regime.CALM);
    }

    public SyntheticMarketConfig config() {
        return config;
    }

    /** The regime of an epoch: a two-state Markov chain, one step per epoch, starting calm. */
    public Regime regime(int epoch) {
        while (regimes.size() <= epoch) {
            Regime last = regimes.get(regimes.size() - 1);
            double u = regimeRandom.nextDouble();
            regimes.add(
                    last == Regime.CALM
                            ? (u < P_CALM_TO_VOLATILE ? Regime.VOLATILE : Regime.CALM)
                            : (u < P_VOLATILE_TO_CALM ? Regime.CALM : Regime.VOLATILE));
        }
        return regimes.get(epoch);
    }

    /** Regime of the epoch a bar belongs to. */
    public Regime regimeAt(long bar) {
        return regime(Math.toIntExact(bar / config.barsPerEpoch()));
    }

    /** Start of a bar (epoch ms UTC): sessions on consecutive weekdays, bars back to back. */
    public long barStart(long bar) {
        long epoch = bar / config.barsPerEpoch();
        long inSession = bar % config.barsPerEpoch();
        return sessionStart(epoch) + inSession * barMs;
    }

    long sessionStart(long epoch) {
        Instant start = config.start();
        LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
        // whole weeks first, then single weekdays, so any epoch is O(1)
        day = day.plusWeeks(epoch / 5);
        for (long i = 0; i < epoch % 5; i++) {
            day = day.plusDays(1);
            while (day.getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                day = day.plusDays(1);
            }
        }
        long dayShiftMs =
                (day.toEpochDay() - start.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay())
                        * 86_400_000L;
        return start.toEpochMilli() + dayShiftMs;
    }

    /** A fresh cursor over one symbol's bars. */
    public PriceCursor prices(String symbol) {
        if (!config.symbols().contains(symbol)) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        return new PriceCursor(symbol);
    }

    /** A fresh cursor over one event's probability ticks. */
    public TickCursor probabilities(String eventKey) {
        return new TickCursor(event(eventKey));
    }

    /** The whole series of a bounded world, for tests and reports. */
    public List<PriceBar> allPrices(String symbol) {
        return drain(prices(symbol));
    }

    /** All ticks of an event in a bounded world. */
    public List<ProbabilityTick> allProbabilities(String eventKey) {
        return drain(probabilities(eventKey));
    }

    /** The exact probability at the end of every bar of a bounded world (ticks sample it). */
    public double[] probabilityPath(String eventKey) {
        EventPath path = new EventPath(event(eventKey));
        double[] out = new double[Math.toIntExact(config.totalBars())];
        for (int t = 0; t < out.length; t++) {
            out[t] = path.step();
        }
        return out;
    }

    private <T> List<T> drain(SyntheticCursor<T> cursor) {
        if (!config.bounded()) {
            throw new IllegalStateException("the world is unbounded");
        }
        List<T> out = new ArrayList<>();
        cursor.forEachRemaining(out::add);
        return out;
    }

    private SyntheticEvent event(String key) {
        return config.events().stream()
                .filter(e -> e.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event " + key));
    }

    /** A 64-bit seed for a named random stream: FNV-1a of the name, mixed with the seed. */
    static long streamSeed(long seed, String stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(seed));
    }

    private static long mix(long z) { // SplitMix64 finalizer
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** One event's probability, bar by bar: a logit random walk with regime-dependent jumps. */
    private final class EventPath {
        private final SplittableRandom random;
        private double logit;
        private long bar;

        EventPath(SyntheticEvent event) {
            this.random = new SplittableRandom(streamSeed(config.seed(), "event:" + event.key()));
            double p0 = event.initialProbability();
            this.logit = Math.log(p0 / (1 - p0));
        }

        /** Simulates the next bar; returns the probability at its end. */
        double step() {
            double rate = regimeAt(bar) == Regime.VOLATILE ? JUMP_RATE_VOLATILE : JUMP_RATE_CALM;
            // fixed number of draws per bar, so the stream never shifts
            double diffusion = random.nextGaussian();
            double u = random.nextDouble();
            double jump = random.nextGaussian();
            if (bar > 0) { // bar 0 shows the initial probability
                logit += LOGIT_STEP * diffusion + (u < rate ? JUMP_SIZE * jump : 0.0);
                logit = Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, logit));
            }
            bar++;
            return 1 / (1 + Math.exp(-logit));
        }
    }

    /** Bars of one symbol. */
    public final class PriceCursor extends SyntheticCursor<PriceBar> {
        private final String symbol;
        private final SplittableRandom random;
        private final EventPath[] paths;
        private final double[] sensitivity;
        private final double[] lastP;
        // exposure-weighted probability change of recent bars, newest at index (bar % length)
        private final double[] history;
        private long bar;
        private double close;

        PriceCursor(String symbol) {
            this.symbol = symbol;
            this.random = new SplittableRandom(streamSeed(config.seed(), "price:" + symbol));
            List<SyntheticEvent> events = config.events();
            this.paths = new EventPath[events.size()];
            this.sensitivity = new double[events.size()];
            this.lastP = new double[events.size()];
            for (int e = 0; e < paths.length; e++) {
                paths[e] = new EventPath(events.get(e));
                sensitivity[e] = events.get(e).sensitivities().getOrDefault(symbol, 0.0);
                lastP[e] = events.get(e).initialProbability();
            }
            this.history = new double[config.lagBars() + LAG_WEIGHTS.length];
            this.close =
                    20
                            + 480
                                    * new SplittableRandom(
                                                    streamSeed(config.seed(), "init:" + symbol))
                                            .nextDouble();
        }

        @Override
        @Nullable
        protected PriceBar advance() {
            if (bar >= config.totalBars()) {
                return null;
            }
            double exposure = 0;
            for (int e = 0; e < paths.length; e++) {
                double p = paths[e].step();
                exposure += sensitivity[e] * (p - lastP[e]);
                lastP[e] = p;
            }
            history[(int) (bar % history.length)] = exposure;
            double lagged = 0;
            int centre = LAG_WEIGHTS.length / 2;
            for (int k = 0; k < LAG_WEIGHTS.length; k++) {
                long from = bar - config.lagBars() + (k - centre);
                if (from >= 0) {
                    lagged += LAG_WEIGHTS[k] * history[(int) (from % history.length)];
                }
            }
            Regime regime = regimeAt(bar);
            double sigma = regime == Regime.VOLATILE ? SIGMA_VOLATILE : SIGMA_CALM;
            double eps = random.nextGaussian();
            double gap = random.nextGaussian();
            double up = Math.abs(random.nextGaussian());
            double down = Math.abs(random.nextGaussian());
            double size = random.nextGaussian();
            boolean sessionOpen = bar > 0 && bar % config.barsPerEpoch() == 0;
            double open = sessionOpen ? close * Math.exp(GAP_SIGMAS * sigma * gap) : close;
            double r =
                    DRIFT
                            + BETA * (IMMEDIATE_SHARE * exposure + (1 - IMMEDIATE_SHARE) * lagged)
                            + sigma * eps;
            double newClose = open * Math.exp(r);
            double high = Math.max(open, newClose) * Math.exp(0.5 * sigma * up);
            double low = Math.min(open, newClose) * Math.exp(-0.5 * sigma * down);
            double volume =
                    Math.round(
                            BASE_VOLUME
                                    * (regime == Regime.VOLATILE ? 2 : 1)
                                    * (1 + Math.abs(r) / sigma)
                                    * Math.exp(0.3 * size));
            PriceBar out =
                    new PriceBar(symbol, barStart(bar), barMs, open, high, low, newClose, volume);
            close = newClose;
            bar++;
            return out;
        }

        @Override
        protected long barsSimulated() {
            return bar;
        }

        @Override
        protected long timestampOf(PriceBar record) {
            return record.tsEvent();
        }
    }

    /**
     * Ticks of one event: one at bar 0, then whenever the probability moved at least {@code
     * tickMinMove} from the last tick or {@code tickEveryBars} bars passed. A tick is stamped in
     * the middle of its bar: the news arrives during the bar and is known by its close.
     */
    public final class TickCursor extends SyntheticCursor<ProbabilityTick> {
        private final SyntheticEvent event;
        private final EventPath path;
        private long bar;
        private double lastTicked = Double.NaN;
        private long lastTickBar;

        TickCursor(SyntheticEvent event) {
            this.event = event;
            this.path = new EventPath(event);
        }

        @Override
        @Nullable
        protected ProbabilityTick advance() {
            while (bar < config.totalBars()) {
                long t = bar++;
                double p = path.step();
                if (Double.isNaN(lastTicked)
                        || Math.abs(p - lastTicked) >= config.tickMinMove()
                        || t - lastTickBar >= config.tickEveryBars()) {
                    lastTicked = p;
                    lastTickBar = t;
                    return new ProbabilityTick(
                            "synthetic", event.marketId(), event.key(), barStart(t) + barMs / 2, p);
                }
            }
            return null;
        }

        @Override
        protected long barsSimulated() {
            return bar;
        }

        @Override
        protected long timestampOf(ProbabilityTick record) {
            return record.tsEvent();
        }
    }
}
