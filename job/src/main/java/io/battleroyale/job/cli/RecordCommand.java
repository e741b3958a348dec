package io.battleroyale.job.cli;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.live.HealthNotices;
import io.battleroyale.job.live.LiveEndpoints;
import io.battleroyale.job.live.LiveProbabilities;
import io.battleroyale.job.live.UntilSource;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.operators.sinks.OrderedFileSink;
import io.battleroyale.sources.files.CsvFormats;
import io.battleroyale.sources.venues.Venue;
import io.battleroyale.sources.venues.prices.PriceFeeds;
import io.battleroyale.sources.venues.source.LiveMarkets;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.PollingSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code battle record}: today's live session as tomorrow's backtest input. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Polls the live sources for a while and writes what they said as backtest inputs:"
                    + " DIR/prices.csv (Coinbase / Alpaca bars) and DIR/probabilities.csv"
                    + " (Kalshi / Polymarket yes probabilities), in the exact formats"
                    + " 'battle backtest --prices … --events …' replays (events file format version"
                    + " 1, described in DIR/README.md).",
            "A venue or feed that cannot be reached is reported once on stderr and simply"
                    + " records nothing until it answers; nothing is made up.",
            ""
        })
final class RecordCommand implements Callable<Integer> {

    static final String PRICES_FILE = "prices.csv";
    static final String PROBABILITIES_FILE = "probabilities.csv";

    /** The version of the recorded events (probabilities) file format; see docs/markets.md. */
    static final int FORMAT_VERSION = 1;

    @Spec CommandSpec spec;

    @Mixin LiveEndpoints endpoints;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(
            names = "--duration",
            defaultValue = "1h",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "How long to record, counted from when the sources start polling. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--venues",
            split = ",",
            defaultValue = "kalshi,polymarket",
            paramLabel = "VENUE",
            description = "Prediction-market venues to poll. Default: ${DEFAULT-VALUE}.")
    List<String> venues;

    @Option(
            names = "--venues-file",
            paramLabel = "FILE",
            description =
                    "Live markets to poll (venues.yaml, see docs/markets.md). Default: the bundled list.")
    @Nullable
    Path venuesFile;

    @Option(
            names = "--symbols",
            split = ",",
            defaultValue = "BTC-USD,ETH-USD",
            description = {
                "Price symbols to record; empty for none. A symbol with a dash goes to Coinbase"
                        + " (no key), any other to Alpaca (needs ALPACA_API_KEY_ID and"
                        + " ALPACA_API_SECRET_KEY). Default: ${DEFAULT-VALUE}."
            })
    List<String> symbols;

    @Option(
            names = "--feeds",
            paramLabel = "SYMBOL=FEED,...",
            description = "Explicit feed per symbol (coinbase|alpaca), e.g. SPY=alpaca.")
    @Nullable
    String feeds;

    @Option(
            names = "--bar-length",
            defaultValue = "1m",
            converter = Durations.class,
            paramLabel = "DURATION",
            description = "Length of the recorded price bars. Default: ${DEFAULT-VALUE}.")
    Duration barLength;

    @Option(
            names = "--poll-interval",
            defaultValue = "30s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "Time between two polls of one market or symbol. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Set<Venue> chosen = EnumSet.noneOf(Venue.class);
        for (String v : venues) {
            if (!v.isBlank()) {
                chosen.add(Venue.of(v));
            }
        }
        List<String> priceSymbols = symbols.stream().filter(s -> !s.isBlank()).toList();
        LiveMarkets markets =
                (venuesFile == null ? LiveMarkets.loadDefault() : LiveMarkets.load(venuesFile))
                        .only(chosen);
        if (markets.markets().isEmpty() && priceSymbols.isEmpty()) {
            throw new IllegalArgumentException("nothing to record: no markets and no symbols");
        }
        Files.createDirectories(out);
        writeReadme(markets, priceSymbols);

        StreamExecutionEnvironment env =
                new LocalFlink(1, "hashmap", null, null, null).environment();
        WatermarkStrategy<ProbabilityTick> tickWatermarks =
                WatermarkStrategy.<ProbabilityTick>forBoundedOutOfOrderness(Duration.ofSeconds(5))
                        .withIdleness(Duration.ofMinutes(1));
        DataStream<ProbabilityTick> ticks =
                LiveProbabilities.streams(
                        env,
                        markets,
                        endpoints,
                        pollInterval,
                        tickWatermarks,
                        s ->
                                UntilSource.runFor(
                                        s, TypeInformation.of(ProbabilityTick.class), duration));
        List<String> watched = new ArrayList<>(markets.venues().stream().map(Venue::id).toList());
        if (ticks != null) {
            ticks.sinkTo(
                            new OrderedFileSink<>(
                                    out.resolve(PROBABILITIES_FILE),
                                    CsvFormats.PROBABILITIES_HEADER,
                                    CsvFormats::toCsvLine))
                    .setParallelism(1)
                    .uid("record-probabilities-sink")
                    .name("probabilities.csv");
        } else {
            Files.writeString(
                    out.resolve(PROBABILITIES_FILE), CsvFormats.PROBABILITIES_HEADER + "\n");
        }
        DataStream<PriceBar> bars = null;
        if (!priceSymbols.isEmpty()) {
            PriceFeeds assignment = feeds == null ? PriceFeeds.defaults() : PriceFeeds.parse(feeds);
            for (Map.Entry<PriceFeeds.Feed, PollingSource<?, PriceBar>> e :
                    assignment
                            .sources(
                                    priceSymbols,
                                    barLength,
                                    PollSettings.live(pollInterval),
                                    endpoints.priceEndpoints())
                            .entrySet()) {
                String feed = e.getKey().id();
                watched.add(feed);
                DataStream<PriceBar> stream =
                        env.fromSource(
                                        UntilSource.runFor(
                                                e.getValue(),
                                                TypeInformation.of(PriceBar.class),
                                                duration),
                                        WatermarkStrategy.<PriceBar>forBoundedOutOfOrderness(
                                                        barLength)
                                                .withIdleness(Duration.ofMinutes(1)),
                                        feed + " live prices")
                                .uid("live-prices-" + feed);
                bars = bars == null ? stream : bars.union(stream);
            }
        }
        if (bars != null) {
            bars.sinkTo(
                            new OrderedFileSink<>(
                                    out.resolve(PRICES_FILE),
                                    CsvFormats.PRICES_HEADER,
                                    CsvFormats::toCsvLine))
                    .setParallelism(1)
                    .uid("record-prices-sink")
                    .name("prices.csv");
        } else {
            Files.writeString(out.resolve(PRICES_FILE), CsvFormats.PRICES_HEADER + "\n");
        }

        err.printf(
                "recording %d market(s) from %s and %d symbol(s) for %s into %s%n",
                markets.markets().size(),
                markets.venues().stream().map(Venue::id).toList(),
                priceSymbols.size(),
                duration,
                out.toAbsolutePath());
        try (HealthNotices notices =
                HealthNotices.start(err, watched, "nothing is recorded from it")) {
            env.execute("battle-royale record");
        }
        long barCount = rows(out.resolve(PRICES_FILE));
        long tickCount = rows(out.resolve(PROBABILITIES_FILE));
        spec.commandLine()
                .getOut()
                .printf(
                        "recorded %,d price bars and %,d probability ticks: %s, %s%n",
                        barCount,
                        tickCount,
                        out.resolve(PRICES_FILE),
                        out.resolve(PROBABILITIES_FILE));
        if (barCount == 0) {
            // a replay needs bars: say so now rather than let `backtest` fail on the files later
            err.printf(
                    "error: no price bar was recorded in %d s (a feed down or its market closed:"
                            + " see the notices above and the log); nothing to replay%n",
                    duration.toSeconds());
            return 1;
        }
        if (tickCount == 0) {
            err.println("warning: no probability tick was recorded; a replay runs on prices alone");
        }
        return 0;
    }

    private static long rows(Path file) throws java.io.IOException {
        try (var lines = Files.lines(file)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    private void writeReadme(LiveMarkets markets, List<String> priceSymbols)
            throws java.io.IOException {
        String text =
                "# Recorded live session\n\n"
                        + "Written by `battle record` at "
                        + Instant.now()
                        + " for "
                        + duration
                        + ".\n\n"
                        + "events file format version "
                        + FORMAT_VERSION
                        + "\n\n"
                        + "- `"
                        + PROBABILITIES_FILE
                        + "`: `"
                        + CsvFormats.PROBABILITIES_HEADER
                        + "`; timestamp = epoch ms UTC of the quote (the request time for live"
                        + " quotes, which carry none), venue = kalshi | polymarket, market_id ="
                        + " Kalshi ticker | Polymarket slug, event_key from "
                        + markets.origin()
                        + ", yes_probability in [0, 1] by the rule in docs/markets.md.\n"
                        + "- `"
                        + PRICES_FILE
                        + "`: `"
                        + CsvFormats.PRICES_HEADER
                        + "`; timestamp = epoch ms UTC of the bar's start; "
                        + barLength
                        + " bars, written once closed. Symbols: "
                        + priceSymbols
                        + ".\n\n"
                        + "Replay: `./battle backtest --prices "
                        + PRICES_FILE
                        + " --events "
                        + PROBABILITIES_FILE
                        + " --bar-length "
                        + barLength.toMinutes()
                        + "m --out runs/replay`\n";
        Files.writeString(out.resolve("README.md"), text);
    }
}
