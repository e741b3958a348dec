package io.battleroyale.sources.files;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.sources.testing.FlinkTesting;
import io.battleroyale.sources.testing.FlinkTesting.CountingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** File replay on a real MiniCluster at parallelism 2, Kryo disabled. */
class CsvReplayITCase {

    @RegisterExtension static final MiniClusterExtension MINI = FlinkTesting.miniCluster();

    private static final Path REAL = Path.of("/work/shared/data/real");

    private static final String PRICES =
            String.join(
                    "\n",
                    "symbol,timestamp,open,high,low,close,volume,note",
                    "SPY,1000,10.0,11.0,9.0,10.5,100,ok",
                    "SPY,2000,abc,11.0,9.0,10.5,100,x",
                    "SPY,3000,10.0,11.0",
                    "",
                    "SPY,4000,NaN,11.0,9.0,10.5,100",
                    "SPY,5000,0,11.0,9.0,10.5,100",
                    "SPY,6000,10.0,9.0,11.0,10.5,100",
                    "SPY,7000,12.0,11.0,9.0,10.5,100",
                    "SPY,8000,10.0,11.0,9.0,8.0,100",
                    "SPY,9000,10.0,11.0,9.0,10.5,-1",
                    ",10000,10.0,11.0,9.0,10.5,1",
                    "QQQ,11000,20.0,21.0,19.0,20.5,0",
                    "QQQ,x12000,20.0,21.0,19.0,20.5,0",
                    "QQQ,13000,19.0,21.0,19.0001,20.0,5",
                    "QQQ,14000,20.0,Infinity,19.0,20.5,0",
                    "");

    private static final List<PriceBar> EXPECTED_BARS =
            List.of(
                    new PriceBar("SPY", 1000, 0, 10.0, 11.0, 9.0, 10.5, 100),
                    new PriceBar("QQQ", 11000, 0, 20.0, 21.0, 19.0, 20.5, 0),
                    // open 19.0 is within rounding tolerance below low 19.0001: range widened
                    new PriceBar("QQQ", 13000, 0, 19.0, 21.0, 19.0, 20.0, 5));

    private static final Map<Long, String> EXPECTED_PRICE_REASONS =
            Map.of(
                    3L, "open: unparsable number 'abc'",
                    4L, "low: missing column",
                    6L, "open: not a finite number 'NaN'",
                    7L, "open: price must be > 0, was 0.0",
                    8L, "high: 9.0 is below low 11.0",
                    9L, "open: 12.0 outside [low 9.0, high 11.0]",
                    10L, "close: 8.0 outside [low 9.0, high 11.0]",
                    11L, "volume: negative (-1.0)",
                    12L, "symbol: empty",
                    14L, "timestamp: unparsable number 'x12000'");

    @Test
    void rowTypesArePojosNotKryo() {
        assertThat(CsvReplay.PRICE_ROW).isInstanceOf(PojoTypeInfo.class);
        assertThat(CsvReplay.PROBABILITY_ROW).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(RejectedInput.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void pricesGoodAndBadRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.csv");
        Files.writeString(file, PRICES);
        Result<PriceBar> result = runPrices(file);

        assertThat(result.records()).containsExactlyInAnyOrderElementsOf(EXPECTED_BARS);
        Map<Long, String> reasons = new HashMap<>(EXPECTED_PRICE_REASONS);
        reasons.put(16L, "high: not a finite number 'Infinity'");
        assertThat(result.rejected())
                .extracting(RejectedInput::line, RejectedInput::reason)
                .containsExactlyInAnyOrderElementsOf(
                        reasons.entrySet().stream()
                                .map(
                                        e ->
                                                org.assertj.core.groups.Tuple.tuple(
                                                        e.getKey(), e.getValue()))
                                .toList());
        RejectedInput abc =
                result.rejected().stream().filter(r -> r.line() == 3).findFirst().orElseThrow();
        assertThat(abc.raw()).isEqualTo("SPY,2000,abc,11.0,9.0,10.5,100,x");
        assertThat(abc.origin()).endsWith("prices.csv");
    }

    @Test
    void gzippedFileIsDecompressedByExtension(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(PRICES.getBytes(StandardCharsets.UTF_8));
        }
        Result<PriceBar> result = runPrices(file);
        assertThat(result.records()).containsExactlyInAnyOrderElementsOf(EXPECTED_BARS);
        assertThat(result.rejected()).hasSize(EXPECTED_PRICE_REASONS.size() + 1);
    }

    @Test
    void probabilitiesGoodAndBadRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("probabilities.csv");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "timestamp,venue,market_id,event_key,yes_probability",
                        "1000,kalshi,KX-1,FOMC-2025-12:hold,0.51",
                        "2000,kalshi,KX-1,FOMC-2025-12:hold,1.2",
                        "3000,kalshi,KX-1,FOMC-2025-12:hold,-0.01",
                        "4000,,KX-1,FOMC-2025-12:hold,0.5",
                        "5000,kalshi,KX-1,,0.5",
                        "6000,polymarket,123,FOMC-2025-12:hold,1",
                        "7000,polymarket,123,FOMC-2025-12:hold,",
                        "8000,polymarket,123,FOMC-2025-12:hold,NaN"));
        StreamExecutionEnvironment env = FlinkTesting.env();
        Replay<ProbabilityTick> replay = CsvReplay.probabilities(env, file, "probabilities");
        CloseableIterator<ProbabilityTick> records = replay.records().collectAsync();
        CloseableIterator<RejectedInput> rejected = replay.rejected().collectAsync();
        env.executeAsync("probabilities");

        assertThat(FlinkTesting.drain(records))
                .containsExactlyInAnyOrder(
                        new ProbabilityTick("kalshi", "KX-1", "FOMC-2025-12:hold", 1000, 0.51),
                        new ProbabilityTick("polymarket", "123", "FOMC-2025-12:hold", 6000, 1.0));
        assertThat(FlinkTesting.drain(rejected))
                .extracting(RejectedInput::line, RejectedInput::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                3L, "yes_probability: outside [0, 1] (1.2)"),
                        org.assertj.core.groups.Tuple.tuple(
                                4L, "yes_probability: outside [0, 1] (-0.01)"),
                        org.assertj.core.groups.Tuple.tuple(5L, "venue: empty"),
                        org.assertj.core.groups.Tuple.tuple(6L, "event_key: empty"),
                        org.assertj.core.groups.Tuple.tuple(
                                8L, "yes_probability: unparsable number ''"),
                        org.assertj.core.groups.Tuple.tuple(
                                9L, "yes_probability: not a finite number 'NaN'"));
    }

    @Test
    void missingHeaderColumnFailsTheJobNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad-header.csv");
        Files.writeString(file, "timestamp,symbol,open,high,low,close\n1000,SPY,1,1,1,1\n");
        StreamExecutionEnvironment env = FlinkTesting.env();
        CsvReplay.prices(env, file, "prices")
                .records()
                .sinkTo(new CountingSink<>("bad-header"))
                .uid("count");
        assertThatThrownBy(() -> env.execute("bad header"))
                .rootCause()
                .hasMessageContaining("bad-header.csv")
                .hasMessageContaining("header lacks column(s) [volume]");
    }

    @Test
    void writtenLinesReplayExactly(@TempDir Path dir) throws Exception {
        List<PriceBar> bars =
                List.of(
                        new PriceBar(
                                "BTC-USD", 1609459200000L, 0, 0.1 + 0.2, 1e7, 1e-7, 0.3, 1.0 / 3),
                        new PriceBar("SPY", 1609459260000L, 0, 370.12, 371.5, 369.0, 370.0, 0));
        Path file = dir.resolve("recorded.csv");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(CsvFormats.PRICES_HEADER + "\n");
            for (PriceBar bar : bars) {
                w.write(CsvFormats.toCsvLine(bar) + "\n");
            }
        }
        Result<PriceBar> result = runPrices(file);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.records()).containsExactlyInAnyOrderElementsOf(bars);
    }

    @Test
    void realDailyPrices() throws Exception {
        Path file = REAL.resolve("daily-ohlcv-etf-crypto-2021-2026/prices.csv");
        assumeThat(file).exists();
        long start = System.nanoTime();
        Result<PriceBar> result = runPrices(file);
        System.out.printf(
                "real daily prices: %d bars in %d ms%n",
                result.records().size(), (System.nanoTime() - start) / 1_000_000);

        assertThat(result.rejected()).isEmpty();
        assertThat(result.records()).hasSize(11_691);
        Map<String, List<PriceBar>> bySymbol =
                result.records().stream().collect(Collectors.groupingBy(PriceBar::symbol));
        assertThat(bySymbol)
                .containsOnlyKeys("SPY", "QQQ", "TLT", "GLD", "UUP", "VIX", "BTC-USD", "ETH-USD");
        assertThat(bySymbol.get("BTC-USD")).hasSize(1910);
        // one split, read in file order: every symbol's bars arrive in time order
        bySymbol.values()
                .forEach(
                        series ->
                                assertThat(series)
                                        .isSortedAccordingTo(
                                                Comparator.comparingLong(PriceBar::tsEvent)));
        assertThat(result.records()).allMatch(b -> b.lengthMs() == 0);
    }

    @Test
    void realGzippedZqMinuteBarsCount() throws Exception {
        Path file = REAL.resolve("zq-fed-funds-futures-1min-2023-2025/prices.csv.gz");
        assumeThat(file).exists();
        StreamExecutionEnvironment env = FlinkTesting.env();
        Replay<PriceBar> replay = CsvReplay.prices(env, file, "zq");
        CountingSink<PriceBar> bars = new CountingSink<>("zq-bars");
        replay.records().sinkTo(bars).uid("zq-count").name("count");
        CloseableIterator<RejectedInput> rejected = replay.rejected().collectAsync();
        long start = System.nanoTime();
        JobClient job = env.executeAsync("zq");
        List<RejectedInput> refused = FlinkTesting.drain(rejected);
        job.getJobExecutionResult().get();
        System.out.printf(
                "real ZQ 1-min prices (gz): %d bars in %d ms%n",
                bars.count(), (System.nanoTime() - start) / 1_000_000);
        assertThat(refused).isEmpty();
        assertThat(bars.count()).isEqualTo(715_249);
    }

    @Test
    void realKalshiPolymarketProbabilities() throws Exception {
        Path file = REAL.resolve("fed-dec2025-hold-kalshi-polymarket-30min/probabilities.csv");
        assumeThat(file).exists();
        long dataLines = Files.lines(file).count() - 1;
        StreamExecutionEnvironment env = FlinkTesting.env();
        Replay<ProbabilityTick> replay = CsvReplay.probabilities(env, file, "probabilities");
        CloseableIterator<ProbabilityTick> records = replay.records().collectAsync();
        CloseableIterator<RejectedInput> rejected = replay.rejected().collectAsync();
        long start = System.nanoTime();
        env.executeAsync("real probabilities");
        List<ProbabilityTick> ticks = FlinkTesting.drain(records);
        System.out.printf(
                "real Dec-2025 probabilities: %d ticks in %d ms%n",
                ticks.size(), (System.nanoTime() - start) / 1_000_000);
        assertThat(FlinkTesting.drain(rejected)).isEmpty();
        assertThat(ticks).hasSize((int) dataLines).hasSize(2011);
        assertThat(ticks).extracting(ProbabilityTick::venue).containsOnly("kalshi", "polymarket");
        assertThat(ticks).allMatch(t -> t.eventKey().equals("FOMC-2025-12:hold"));
    }

    private static Result<PriceBar> runPrices(Path file) throws Exception {
        StreamExecutionEnvironment env = FlinkTesting.env();
        Replay<PriceBar> replay = CsvReplay.prices(env, file, "prices");
        CloseableIterator<PriceBar> records = replay.records().collectAsync();
        CloseableIterator<RejectedInput> rejected = replay.rejected().collectAsync();
        env.executeAsync("prices " + file.getFileName());
        List<PriceBar> bars = FlinkTesting.drain(records);
        return new Result<>(bars, FlinkTesting.drain(rejected));
    }

    private record Result<T>(List<T> records, List<RejectedInput> rejected) {}
}
