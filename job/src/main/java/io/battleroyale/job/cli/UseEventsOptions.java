package io.battleroyale.job.cli;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.job.Uids;
import io.battleroyale.job.live.ClockEnd;
import io.battleroyale.job.live.EventGate;
import io.battleroyale.job.live.HealthNotices;
import io.battleroyale.job.live.LiveEndpoints;
import io.battleroyale.job.live.LiveProbabilities;
import io.battleroyale.job.live.UntilSource;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.source.LiveMarkets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code run --use-events}: live venue probabilities, the synthetic event model as fallback. */
final class UseEventsOptions {

    @Option(
            names = "--use-events",
            description = {
                "Event probabilities from the real venues (Kalshi, Polymarket: the markets of"
                        + " --venues-file), with the synthetic event model as fallback while a venue"
                        + " cannot be reached; each outage and recovery is said once on stderr.",
                "Prices stay synthetic: live quotes replace the synthetic model's ticks of the"
                        + " same event group, on the synthetic clock. Real prices: 'battle record'"
                        + " then 'battle backtest'."
            })
    boolean useEvents;

    @Option(
            names = "--venues",
            split = ",",
            defaultValue = "kalshi,polymarket",
            paramLabel = "VENUE",
            description = "With --use-events: the venues to poll. Default: ${DEFAULT-VALUE}.")
    List<String> venues;

    @Option(
            names = "--venues-file",
            paramLabel = "FILE",
            description =
                    "With --use-events: live markets to poll (venues.yaml). Default: the bundled list.")
    @Nullable
    Path venuesFile;

    @Option(
            names = "--poll-interval",
            defaultValue = "30s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "With --use-events: time between two polls of one market. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Mixin LiveEndpoints endpoints;

    /** The synthetic model's end, which ends the live sources of a bounded run. */
    private static final String CLOCK = "synthetic-probabilities";

    LiveMarkets markets() {
        Set<Venue> chosen = EnumSet.noneOf(Venue.class);
        venues.stream().filter(v -> !v.isBlank()).forEach(v -> chosen.add(Venue.of(v)));
        return (venuesFile == null ? LiveMarkets.loadDefault() : LiveMarkets.load(venuesFile))
                .only(chosen);
    }

    /**
     * The synthetic model's source: as it is, or, for a bounded run with --use-events, as the clock
     * whose end ends the live sources ({@link ClockEnd}).
     */
    <S extends SourceSplit, E> Source<ProbabilityTick, S, E> syntheticClock(
            Source<ProbabilityTick, S, E> synthetic, boolean bounded) {
        return useEvents && bounded
                ? ClockEnd.of(synthetic, TypeInformation.of(ProbabilityTick.class), CLOCK)
                : synthetic;
    }

    /**
     * The probabilities the battle sees: {@code synthetic} alone without --use-events, else the
     * gate over live and synthetic. A bounded run ends its live sources when the synthetic model's
     * source (wrapped by {@link #syntheticClock}) has ended.
     */
    DataStream<ProbabilityTick> probabilities(
            StreamExecutionEnvironment env,
            DataStream<ProbabilityTick> synthetic,
            EventMap map,
            boolean bounded) {
        if (!useEvents) {
            return synthetic;
        }
        DataStream<VenueUpdate> live =
                LiveProbabilities.updates(
                        env,
                        markets(),
                        endpoints,
                        pollInterval,
                        EventGate.liveWatermarks(),
                        s ->
                                bounded
                                        ? UntilSource.endingWith(
                                                s, TypeInformation.of(VenueUpdate.class), CLOCK)
                                        : s);
        if (live == null) {
            return synthetic;
        }
        return EventGate.wire(synthetic, live, map, Uids.EVENT_GATE);
    }

    /** Starts the stderr notices; closing stops them. */
    AutoCloseable notices(PrintWriter err) {
        if (!useEvents) {
            return () -> {};
        }
        LiveMarkets markets = markets();
        List<String> feeds = markets.venues().stream().map(Venue::id).toList();
        err.println(
                "events: live from "
                        + feeds
                        + " ("
                        + markets.markets().size()
                        + " markets, "
                        + markets.origin()
                        + "); synthetic event model as fallback; prices are synthetic");
        HealthNotices notices =
                HealthNotices.start(
                        err,
                        feeds,
                        "the run uses the synthetic event model for its events instead");
        return notices::close;
    }
}
