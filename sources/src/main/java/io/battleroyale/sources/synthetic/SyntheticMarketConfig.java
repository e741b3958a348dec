package io.battleroyale.sources.synthetic;

import io.battleroyale.sources.events.EventMap;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;

/**
 * What the synthetic market simulates. Everything it produces is a pure function of this record.
 *
 * @param seed the world's seed; same seed, same world
 * @param symbols the traded symbols, one price series each
 * @param barLength length of one bar (default 1 minute)
 * @param barsPerEpoch bars per session (default 390, one US equity session of 1-minute bars)
 * @param epochs sessions to simulate; {@link #UNBOUNDED} (0) for an endless market
 * @param start start of the first session; each further epoch starts at the same time of day on the
 *     next weekday
 * @param events the prediction-market events that drive prices
 * @param lagBars how many bars prices lag behind probability moves, at the centre of the response
 * @param tickEveryBars a probability tick is emitted at least this often, even without a move
 * @param tickMinMove a probability tick is emitted when the probability moved this far since the
 *     last tick
 */
public record SyntheticMarketConfig(
        long seed,
        List<String> symbols,
        Duration barLength,
        int barsPerEpoch,
        int epochs,
        Instant start,
        List<SyntheticEvent> events,
        int lagBars,
        int tickEveryBars,
        double tickMinMove)
        implements Serializable {

    /** {@link #epochs()} value for an endless market. */
    public static final int UNBOUNDED = 0;

    /** A Monday, at the US cash open (09:30 New York, in winter). */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T14:30:00Z");

    public static final List<String> DEFAULT_SYMBOLS =
            List.of("SPY", "QQQ", "TLT", "GLD", "UUP", "BTC-USD", "ETH-USD");

    public SyntheticMarketConfig {
        symbols = List.copyOf(symbols);
        events = List.copyOf(events);
        if (symbols.isEmpty() || new HashSet<>(symbols).size() != symbols.size()) {
            throw new IllegalArgumentException(
                    "symbols must be non-empty and distinct: " + symbols);
        }
        if (events.stream().map(SyntheticEvent::key).distinct().count() != events.size()) {
            throw new IllegalArgumentException("event keys must be distinct");
        }
        if (barLength.isNegative() || barLength.isZero()) {
            throw new IllegalArgumentException("barLength must be positive: " + barLength);
        }
        if (barsPerEpoch <= 0
                || barLength.multipliedBy(barsPerEpoch).compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(
                    "barsPerEpoch must be positive and a session at most one day: "
                            + barsPerEpoch
                            + " x "
                            + barLength);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0 (0 = unbounded): " + epochs);
        }
        DayOfWeek day = start.atOffset(ZoneOffset.UTC).getDayOfWeek();
        if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
            throw new IllegalArgumentException("start must be on a weekday (UTC): " + start);
        }
        if (lagBars < 3 || tickEveryBars <= 0 || !(tickMinMove > 0)) {
            throw new IllegalArgumentException(
                    "need lagBars >= 3, tickEveryBars > 0, tickMinMove > 0");
        }
    }

    /**
     * The default world: {@link #DEFAULT_SYMBOLS}, 1-minute bars, 390 per session, starting {@link
     * #DEFAULT_START}, events fed_hike, recession and cpi_hot with the bundled event map's
     * sensitivities, a 15-bar lag, ticks on a 0.005 move or every 30 bars.
     */
    public static SyntheticMarketConfig defaults(long seed, int epochs) {
        EventMap map = EventMap.loadDefault();
        List<SyntheticEvent> events =
                List.of(
                        SyntheticEvent.fromEventMap(map, "fed_hike", 0.30, DEFAULT_SYMBOLS),
                        SyntheticEvent.fromEventMap(map, "recession", 0.20, DEFAULT_SYMBOLS),
                        SyntheticEvent.fromEventMap(map, "cpi_hot", 0.40, DEFAULT_SYMBOLS));
        return new SyntheticMarketConfig(
                seed,
                DEFAULT_SYMBOLS,
                Duration.ofMinutes(1),
                390,
                epochs,
                DEFAULT_START,
                events,
                15,
                30,
                0.005);
    }

    /**
     * The same session (bars per epoch x bar length) cut into bars of {@code newBarLength}, which
     * must divide it. The model's parameters are per bar, so prices move per bar as before.
     */
    public SyntheticMarketConfig withBarLength(Duration newBarLength) {
        Duration session = barLength.multipliedBy(barsPerEpoch);
        if (newBarLength.isZero()
                || newBarLength.isNegative()
                || session.toMillis() % newBarLength.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "bar length "
                            + newBarLength.toMinutes()
                            + "m must divide the "
                            + session.toMinutes()
                            + "m session (e.g. 1m, 5m, 15m, 30m, 65m)");
        }
        return new SyntheticMarketConfig(
                seed,
                symbols,
                newBarLength,
                (int) (session.toMillis() / newBarLength.toMillis()),
                epochs,
                start,
                events,
                lagBars,
                tickEveryBars,
                tickMinMove);
    }

    public SyntheticMarketConfig withSeed(long newSeed) {
        return new SyntheticMarketConfig(
                newSeed,
                symbols,
                barLength,
                barsPerEpoch,
                epochs,
                start,
                events,
                lagBars,
                tickEveryBars,
                tickMinMove);
    }

    public SyntheticMarketConfig withEpochs(int newEpochs) {
        return new SyntheticMarketConfig(
                seed,
                symbols,
                barLength,
                barsPerEpoch,
                newEpochs,
                start,
                events,
                lagBars,
                tickEveryBars,
                tickMinMove);
    }

    public SyntheticMarketConfig withBarsPerEpoch(int newBarsPerEpoch) {
        return new SyntheticMarketConfig(
                seed,
                symbols,
                barLength,
                newBarsPerEpoch,
                epochs,
                start,
                events,
                lagBars,
                tickEveryBars,
                tickMinMove);
    }

    /** Keeps only these symbols (events keep their exposure to them). */
    public SyntheticMarketConfig withSymbols(List<String> newSymbols) {
        return new SyntheticMarketConfig(
                seed,
                newSymbols,
                barLength,
                barsPerEpoch,
                epochs,
                start,
                events,
                lagBars,
                tickEveryBars,
                tickMinMove);
    }

    public boolean bounded() {
        return epochs != UNBOUNDED;
    }

    /** Bars per symbol: {@code epochs × barsPerEpoch}, or {@link Long#MAX_VALUE} when unbounded. */
    public long totalBars() {
        return bounded() ? (long) epochs * barsPerEpoch : Long.MAX_VALUE;
    }
}
