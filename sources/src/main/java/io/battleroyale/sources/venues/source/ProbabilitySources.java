package io.battleroyale.sources.venues.source;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueStatus;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.http.HttpSettings;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.kalshi.KalshiClient;
import io.battleroyale.sources.venues.polymarket.PolymarketClient;

import java.util.List;

/**
 * Builds the FLIP-27 probability sources, one per venue. Typical use:
 *
 * <pre>{@code
 * PollingSource<VenueMarketRef, ProbabilityTick> kalshi =
 *         ProbabilitySources.kalshi(KalshiClient.PRODUCTION, refs, PollSettings.live(Duration.ofSeconds(30)));
 * env.fromSource(kalshi, WatermarkStrategy.<ProbabilityTick>forBoundedOutOfOrderness(Duration.ofSeconds(5))
 *         .withIdleness(Duration.ofMinutes(1)), "kalshi").uid(...);
 * }</pre>
 */
public final class ProbabilitySources {

    private ProbabilitySources() {}

    /**
     * Kalshi, unsigned unless {@code KALSHI_API_KEY_ID} and {@code KALSHI_PRIVATE_KEY_PATH} are set
     * on the task managers.
     *
     * @param baseUrl API root, e.g. {@link KalshiClient#PRODUCTION} or a test server
     * @param markets the Kalshi refs (other venues are refused)
     */
    public static PollingSource<VenueMarketRef, ProbabilityTick> kalshi(
            String baseUrl, List<VenueMarketRef> markets, PollSettings settings) {
        return kalshi(
                baseUrl,
                markets,
                settings,
                HttpSettings.defaults(KalshiClient.DEFAULT_PERMITS_PER_SECOND),
                true);
    }

    /** Kalshi with explicit HTTP settings and signing choice. */
    public static PollingSource<VenueMarketRef, ProbabilityTick> kalshi(
            String baseUrl,
            List<VenueMarketRef> markets,
            PollSettings settings,
            HttpSettings http,
            boolean signFromEnvironment) {
        check(Venue.KALSHI, markets);
        return new PollingSource<>(
                Venue.KALSHI.id(),
                ProbabilityTick.class,
                markets,
                new KalshiPoller.Factory(
                        baseUrl,
                        http,
                        signFromEnvironment,
                        (int) settings.historyResolution().toMinutes()),
                ProbabilityTick::tsEvent,
                settings,
                () -> TimeSource.SYSTEM);
    }

    /**
     * Polymarket.
     *
     * @param gammaBaseUrl e.g. {@link PolymarketClient#GAMMA_PRODUCTION} (only used for refs
     *     without a token id)
     * @param clobBaseUrl e.g. {@link PolymarketClient#CLOB_PRODUCTION}
     */
    public static PollingSource<VenueMarketRef, ProbabilityTick> polymarket(
            String gammaBaseUrl,
            String clobBaseUrl,
            List<VenueMarketRef> markets,
            PollSettings settings) {
        return polymarket(
                gammaBaseUrl,
                clobBaseUrl,
                markets,
                settings,
                HttpSettings.defaults(PolymarketClient.GAMMA_PERMITS_PER_SECOND),
                HttpSettings.defaults(PolymarketClient.CLOB_PERMITS_PER_SECOND));
    }

    /** Polymarket with explicit HTTP settings. */
    public static PollingSource<VenueMarketRef, ProbabilityTick> polymarket(
            String gammaBaseUrl,
            String clobBaseUrl,
            List<VenueMarketRef> markets,
            PollSettings settings,
            HttpSettings gammaHttp,
            HttpSettings clobHttp) {
        check(Venue.POLYMARKET, markets);
        return new PollingSource<>(
                Venue.POLYMARKET.id(),
                ProbabilityTick.class,
                markets,
                new PolymarketPoller.Factory(
                        gammaBaseUrl,
                        clobBaseUrl,
                        gammaHttp,
                        clobHttp,
                        (int) settings.historyResolution().toMinutes()),
                ProbabilityTick::tsEvent,
                settings,
                () -> TimeSource.SYSTEM);
    }

    /**
     * The live path that decides on venue health downstream ({@code run --use-events}): {@code
     * source}'s quotes and its readers' health transitions, in one stream of {@link VenueUpdate}s.
     */
    public static PollingSource<VenueMarketRef, VenueUpdate> withHealth(
            PollingSource<VenueMarketRef, ProbabilityTick> source) {
        return source.emitting(VenueUpdate.class, new Updates());
    }

    /** Quotes and statuses as {@link VenueUpdate}s. */
    private static final class Updates implements PollOutput<ProbabilityTick, VenueUpdate> {
        private static final long serialVersionUID = 1L;

        @Override
        public VenueUpdate record(ProbabilityTick tick) {
            return VenueUpdate.of(tick);
        }

        @Override
        public VenueUpdate status(VenueStatus status) {
            return VenueUpdate.of(status);
        }
    }

    private static void check(Venue venue, List<VenueMarketRef> markets) {
        for (VenueMarketRef ref : markets) {
            if (ref.venue() != venue) {
                throw new IllegalArgumentException(
                        "a " + venue.id() + " source cannot poll " + ref.splitId());
            }
        }
    }
}
