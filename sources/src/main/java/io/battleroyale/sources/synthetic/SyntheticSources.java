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
     * and has its own watermark), for either source.
     */
    public static <T> WatermarkStrategy<T> watermarks() {
        return WatermarkStrategy.<T>forMonotonousTimestamps()
                .withWatermarkAlignment(ALIGNMENT_GROUP, MAX_DRIFT, Duration.ofMillis(100));
    }

    /**
     * Prices and probabilities are generated as fast as the job takes them; aligned, neither runs
     * more than {@link #MAX_DRIFT} of event time ahead of the other, so the symbol join never has
     * to hold hours of one side while it waits for the other.
     */
    static final String ALIGNMENT_GROUP = "synthetic-market";

    static final Duration MAX_DRIFT = Duration.ofMinutes(30);
}
