package io.battleroyale.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.job.explain.GeminiFixtures;
import io.battleroyale.job.explain.LogCapture;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code backtest --explain-with gemini} on the golden data at parallelism 2, against a local fake
 * of the Gemini API: every decision that became an order is explained, failures fall back to the
 * rationale, summary.json counts them, and the key shows up in no output file, console line or log.
 */
class ExplanationsCliITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = GeminiFixtures.KEY;

    @StartStop private final MockWebServer server = new MockWebServer();

    @TempDir Path tmp;

    private void answer(Supplier<MockResponse> response) {
        server.setDispatcher(
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        return response.get();
                    }
                });
    }

    private Cli backtest(Path out, String... extra) throws Exception {
        Path prices = Path.of(getClass().getResource("/golden/prices.csv").toURI());
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backtest",
                                "--prices",
                                prices.toString(),
                                "--agents",
                                "trend:fast=3,slow=5",
                                "--parallelism",
                                "2",
                                "--out",
                                out.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli explained(Path out, StringBuilder log) throws Exception {
        Path key = tmp.resolve("gemini.key");
        Files.writeString(key, KEY + "\n");
        try (LogCapture capture = LogCapture.capture()) {
            Cli cli =
                    backtest(
                            out,
                            "--explain-with",
                            "gemini",
                            "--gemini-base-url",
                            server.url("/v1beta").toString(),
                            "--gemini-key-file",
                            key.toString(),
                            "--gemini-rate",
                            "1000");
            log.append(capture.text());
            return cli;
        }
    }

    private static List<String> orderIds(Path out) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            JsonNode d = JSON.readTree(line);
            if (d.get("outcome").asText().equals("order")) {
                ids.add(d.get("id").asText());
            }
        }
        return ids;
    }

    private static List<JsonNode> explanations(Path out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("explanations.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static void assertKeyNowhere(Path out, Cli cli, StringBuilder log) throws IOException {
        assertThat(cli.out()).doesNotContain(KEY);
        assertThat(cli.err()).doesNotContain(KEY);
        assertThat(log.toString()).doesNotContain(KEY);
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as("%s", file).doesNotContain(KEY);
            }
        }
    }

    @Test
    void everyOrderIsExplainedByTheModelAndCounted() throws Exception {
        answer(GeminiFixtures::ok);
        Path out = tmp.resolve("gemini");
        StringBuilder log = new StringBuilder();

        Cli cli = explained(out, log);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> orders = orderIds(out);
        assertThat(orders).isNotEmpty();
        List<JsonNode> lines = explanations(out);
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactlyElementsOf(orders);
        assertThat(lines)
                .allSatisfy(
                        l -> {
                            assertThat(l.get("source").asText()).isEqualTo("gemini");
                            assertThat(l.get("text").asText()).isEqualTo(GeminiFixtures.TEXT);
                        });
        JsonNode counts =
                JSON.readTree(out.resolve("summary.json").toFile())
                        .path("run")
                        .path("explanations");
        // orders with the same content (agent, symbol, side, rationale, attribution) share a call
        assertThat(counts.path("gemini").asLong()).isEqualTo(server.getRequestCount());
        assertThat(counts.path("gemini").asLong() + counts.path("gemini_cached").asLong())
                .isEqualTo(orders.size());
        assertThat(cli.err())
                .contains("explanations: gemini-2.5-flash at " + server.url("/v1beta"));
        assertKeyNowhere(out, cli, log);
    }

    @Test
    void failedCallsKeepTheRationaleAndTheKeyStaysOutOfEveryLog() throws Exception {
        // the error body echoes the key, as some gateways do: it must still not be printed
        answer(() -> GeminiFixtures.error(500, "INTERNAL"));
        Path out = tmp.resolve("failing");
        StringBuilder log = new StringBuilder();

        Cli cli = explained(out, log);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> orders = orderIds(out);
        Map<String, String> rationale = new java.util.HashMap<>();
        for (String line : Files.readAllLines(out.resolve("decisions.jsonl"))) {
            JsonNode d = JSON.readTree(line);
            rationale.put(d.get("id").asText(), d.get("rationale").asText());
        }
        List<JsonNode> lines = explanations(out);
        assertThat(lines).hasSize(orders.size());
        assertThat(lines)
                .allSatisfy(
                        l -> {
                            assertThat(l.get("source").asText()).isEqualTo("rules");
                            assertThat(l.get("text").asText())
                                    .isEqualTo(rationale.get(l.get("id").asText()));
                        });
        JsonNode counts =
                JSON.readTree(out.resolve("summary.json").toFile())
                        .path("run")
                        .path("explanations");
        assertThat(counts.path("rules_http_500").asLong()).isEqualTo(orders.size());
        assertThat(log.toString()).contains("fell back to its rationale: HTTP 500 INTERNAL");
        assertKeyNowhere(out, cli, log);
    }

    @Test
    void theDefaultWritesNoExplanationsAndCallsNothing() throws Exception {
        answer(GeminiFixtures::ok);
        Path out = tmp.resolve("default");

        Cli cli = backtest(out);

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(out.resolve("explanations.jsonl")).doesNotExist();
        assertThat(
                        JSON.readTree(out.resolve("summary.json").toFile())
                                .path("run")
                                .has("explanations"))
                .isFalse();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void explainOptionsWithoutGeminiAreRefused() throws Exception {
        Cli cli = backtest(tmp.resolve("refused"), "--explain-all");

        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.err()).contains("--explain-all needs --explain-with gemini");
    }
}
