package io.battleroyale.sources.synthetic;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

import java.time.Duration;

/**
 * Flink sources over the synthetic market, e.g.
 *
 * <pre>{@code
 * env.fromSource(SyntheticSources.prices(config), SyntheticSources.watermarks(), "synthetic prices")
 *    .uid("synthetic-prices");
 * }</pre>
 */
public final class SyntheticSources {

    private SyntheticSources() {}

    /** One split per symbol; bars have {@code lengthMs} = the configured bar length. */
    public static SyntheticSource<PriceBar> prices(SyntheticMarketConfig config) {
        return new SyntheticSource<>(
                config, SyntheticSource.Kind.PRICES, TypeInformation.of(PriceBar.class));
    }

    /** One split per event; venue {@code synthetic}, market id {@code SYN-<EVENT>}. */
    public static SyntheticSource<ProbabilityTick> probabilities(SyntheticMarketConfig config) {
        return new SyntheticSource<>(
                config,
                SyntheticSource.Kind.PROBABILITIES,
                TypeInformation.of(ProbabilityTick.class));
    }

    /**
     * Monotonous watermarks over the record timestamps the readers set (each split is time ordered
     * and has its own watermark), for either source, emitted as soon as a split's event time moved
     * {@link #WATERMARK_STEP} (see {@link SteppedWatermarks}).
     */
    public static <T> WatermarkStrategy<T> watermarks() {
        return WatermarkStrategy.<T>forGenerator(context -> new SteppedWatermarks<>(WATERMARK_STEP))
                .withWatermarkAlignment(ALIGNMENT_GROUP, MAX_DRIFT, ALIGNMENT_UPDATE);
    }

    /**
     * Prices and probabilities are generated as fast as the job takes them; aligned, neither runs
     * more than {@link #MAX_DRIFT} of event time ahead of the other, so the symbol join never has
     * to hold more than that of one side while it waits for the other.
     */
    static final String ALIGNMENT_GROUP = "synthetic-market";

    /**
     * Alignment also caps the pace: the group moves at most this far per update. Three days let a
     * weekend pass in one step and keep the join's buffer at a few hundred records.
     */
    static final Duration MAX_DRIFT = Duration.ofDays(3);

    /**
     * How often readers report their watermarks and the coordinator announces the limit. Until its
     * first announcement nothing is aligned, and a synthetic reader generates weeks of event time
     * in 100 ms; the events are a few bytes each.
     */
    static final Duration ALIGNMENT_UPDATE = Duration.ofMillis(20);

    /** How far past its alignment limit a split may run before it is paused. */
    static final Duration WATERMARK_STEP = Duration.ofHours(1);
}
