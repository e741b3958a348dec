package io.battleroyale.job.live;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.source.LiveMarkets;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.PollingSource;
import io.battleroyale.sources.venues.source.ProbabilitySources;
import io.battleroyale.sources.venues.source.VenueMarketRef;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The live probability sources of the configured markets, one per venue, as one stream. */
public final class LiveProbabilities {

    /** Stable operator id prefix: {@code live-probabilities-kalshi}, … */
    public static final String UID_PREFIX = "live-probabilities-";

    private LiveProbabilities() {}

    /**
     * The quotes alone ({@code record}): the venues' health stays in their readers.
     *
     * @param bound wraps each source (e.g. {@link UntilSource}); identity for unbounded polling
     * @return {@code null} when no market is configured
     */
    @Nullable
    public static DataStream<ProbabilityTick> streams(
            StreamExecutionEnvironment env,
            LiveMarkets markets,
            LiveEndpoints endpoints,
            Duration pollInterval,
            WatermarkStrategy<ProbabilityTick> watermarks,
            UnaryOperator<Source<ProbabilityTick, ?, ?>> bound) {
        return streams(
                env,
                markets,
                endpoints,
                pollInterval,
                watermarks,
                bound,
                ProbabilityTick.class,
                s -> s);
    }

    /**
     * The quotes and each reader's health transitions ({@code run --use-events}), for a gate that
     * decides on the venues' health where it runs ({@link EventGate}).
     *
     * @return {@code null} when no market is configured
     */
    @Nullable
    public static DataStream<VenueUpdate> updates(
            StreamExecutionEnvironment env,
            LiveMarkets markets,
            LiveEndpoints endpoints,
            Duration pollInterval,
            WatermarkStrategy<VenueUpdate> watermarks,
            UnaryOperator<Source<VenueUpdate, ?, ?>> bound) {
        return streams(
                env,
                markets,
                endpoints,
                pollInterval,
                watermarks,
                bound,
                VenueUpdate.class,
                ProbabilitySources::withHealth);
    }

    @Nullable
    private static <T> DataStream<T> streams(
            StreamExecutionEnvironment env,
            LiveMarkets markets,
            LiveEndpoints endpoints,
            Duration pollInterval,
            WatermarkStrategy<T> watermarks,
            UnaryOperator<Source<T, ?, ?>> bound,
            Class<T> type,
            Function<
                            PollingSource<VenueMarketRef, ProbabilityTick>,
                            PollingSource<VenueMarketRef, T>>
                    emitting) {
        PollSettings settings = PollSettings.live(pollInterval);
        DataStream<T> all = null;
        for (Venue venue : markets.venues()) {
            PollingSource<VenueMarketRef, ProbabilityTick> source =
                    venue == Venue.KALSHI
                            ? ProbabilitySources.kalshi(
                                    endpoints.kalshi, markets.refs(venue), settings)
                            : ProbabilitySources.polymarket(
                                    endpoints.gamma, endpoints.clob, markets.refs(venue), settings);
            Source<T, ?, ?> bounded = bound.apply(emitting.apply(source));
            DataStream<T> stream =
                    env.fromSource(bounded, watermarks, venue.id() + " live probabilities")
                            .returns(type)
                            .uid(UID_PREFIX + venue.id());
            all = all == null ? stream : all.union(stream);
        }
        return all;
    }
}
