package io.battleroyale.job.cli;

import io.battleroyale.sources.venues.MarketsInspector;
import io.battleroyale.sources.venues.Venue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code battle markets}: what a venue says right now, one JSON object per market (for people and
 * scripts).
 */
@Command(
        name = "markets",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lists a prediction-market venue's markets with their yes probability, one JSON object"
                    + " per line with exactly the keys venue, market_id, title, yes_probability, ts,"
                    + " status, following every page of the listing.",
            "Skipped markets go to stderr with their reason, then a summary line.",
            "Exit codes: 0 the venue answered; 1 not reachable after retries (or not its API);"
                    + " 2 bad arguments; 3 listing cut by the paging guard; 4 no Polymarket"
                    + " market or event has the slug. Every non-zero exit prints one line"
                    + " 'markets: <reason>' on stderr.",
            ""
        })
final class MarketsCommand implements Callable<Integer> {
    static final int EXIT_LISTED = 0;
    static final int EXIT_UNREACHABLE = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INCOMPLETE = 3;
    static final int EXIT_NOT_FOUND = 4;

    @Spec CommandSpec spec;

    @Option(
            names = "--venue",
            required = true,
            paramLabel = "kalshi|polymarket",
            description = "The venue to list.")
    String venue;

    @Option(names = "--series", paramLabel = "T", description = "Kalshi series ticker, e.g. KXFED.")
    @Nullable
    String series;

    @Option(
            names = "--event",
            paramLabel = "T",
            description = "Kalshi event ticker (KXFED-26JUN), or Polymarket event slug.")
    @Nullable
    String event;

    @Option(
            names = "--slug",
            paramLabel = "S",
            description = "Polymarket market slug (falls back to an event with that slug).")
    @Nullable
    String slug;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = {
                "API root. Kalshi: …/trade-api/v2 (default production"
                        + " https://external-api.kalshi.com/trade-api/v2; demo"
                        + " https://external-api.demo.kalshi.co/trade-api/v2).",
                "Polymarket: the Gamma API (default https://gamma-api.polymarket.com)."
            })
    @Nullable
    String baseUrl;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N markets printed.")
    @Nullable
    Integer limit;

    @Option(
            names = "--status",
            paramLabel = "S",
            description = {
                "Status filter: all, or the venue's word (Kalshi"
                        + " open|closed|settled|unopened|paused; Polymarket open|closed|archived).",
                "Default: open markets."
            })
    @Nullable
    String status;

    @Override
    public Integer call() {
        PrintStream out = WriterStream.of(spec.commandLine().getOut());
        PrintStream err = WriterStream.of(spec.commandLine().getErr());
        Venue parsed;
        try {
            parsed = Venue.of(venue);
        } catch (IllegalArgumentException e) {
            err.println("markets: " + e.getMessage());
            return EXIT_USAGE;
        }
        MarketsInspector.Request request =
                MarketsInspector.Request.of(parsed)
                        .withSeries(series)
                        .withEvent(event)
                        .withSlug(slug)
                        .withBaseUrl(baseUrl)
                        .withLimit(limit)
                        .withStatus(status);
        int code = exitCode(MarketsInspector.run(request, out, err));
        out.flush();
        err.flush();
        return code;
    }

    /** The exit codes the description above promises. */
    static int exitCode(MarketsInspector.Outcome outcome) {
        return switch (outcome) {
            case LISTED -> EXIT_LISTED;
            case UNREACHABLE -> EXIT_UNREACHABLE;
            case BAD_REQUEST -> EXIT_USAGE;
            case INCOMPLETE -> EXIT_INCOMPLETE;
            case NOT_FOUND -> EXIT_NOT_FOUND;
        };
    }
}
