package io.battleroyale.job.explain;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import io.battleroyale.sources.testing.FlinkTesting;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explainer branch on a real Flink job against a local fake of the Gemini API: what lands in
 * explanations.jsonl, what each failure falls back to, and what is counted.
 */
class GeminiExplainerITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop private final MockWebServer server = new MockWebServer();

    @TempDir Path tmp;

    /** What one run left: the file's lines (parsed) and the outcome counts. */
    private record Run(List<JsonNode> lines, Map<String, Long> counts) {}

    private static Decision decision(String symbol, long ts, String rationale, String outcome) {
        return new Decision(
                new Signal(
                        "trend",
                        symbol,
                        ts,
                        ts / 1000,
                        Side.BUY,
                        0.7,
                        rationale,
                        Map.of("sma_gap", 0.25, "momentum", -0.05)),
                outcome,
                outcome.equals("order") ? "c-" + ts : null);
    }

    private static Decision order(String symbol, long ts, String rationale) {
        return decision(symbol, ts, rationale, "order");
    }

    private GeminiSettings settings(Duration timeout, boolean all) throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, GeminiFixtures.KEY + "\n");
        return new GeminiSettings(
                server.url("/v1beta").toString(),
                "gemini-2.5-flash",
                key.toString(),
                timeout,
                1000,
                all);
    }

    private Run run(GeminiSettings settings, int parallelism, Decision... decisions)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        OutputFolder folder = new OutputFolder(tmp.resolve("out"));
        Files.createDirectories(folder.dir());
        new Explanations(folder.explanations(), settings)
                .wire(env.fromData(List.of(decisions)).setParallelism(1));
        JobExecutionResult result = env.execute("explanations");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(folder.file("explanations.jsonl"))) {
            lines.add(JSON.readTree(line));
        }
        Map<String, Long> counts = result.getAccumulatorResult(Explanations.COUNTS);
        return new Run(lines, counts);
    }

    @Test
    void theModelsTextLandsInTheFileAndTheRequestHasTheDocumentedShape() throws Exception {
        server.enqueue(GeminiFixtures.ok());

        Run run = run(settings(Duration.ofSeconds(10), false), 2, order("AAA", 1_000, "fast>slow"));

        assertThat(run.lines()).hasSize(1);
        JsonNode line = run.lines().get(0);
        assertThat(line.get("id").asText()).isEqualTo("trend:AAA:1000");
        assertThat(line.get("source").asText()).isEqualTo("gemini");
        assertThat(line.get("text").asText()).isEqualTo(GeminiFixtures.TEXT);
        assertThat(run.counts()).containsExactlyEntriesOf(Map.of("gemini", 1L));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.getHeaders().get("x-goog-api-key")).isEqualTo(GeminiFixtures.KEY);
        assertThat(request.getUrl().query()).as("the key is not in the URL").isNull();
        JsonNode body = JSON.readTree(request.getBody().utf8());
        assertThat(body.at("/systemInstruction/parts/0/text").asText())
                .isEqualTo(GeminiExplainer.SYSTEM_INSTRUCTION);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/0/parts/0/text").asText())
                .contains("trend decided BUY AAA", "fast>slow", "sma_gap: +0.2500");
        assertThat(body.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isZero();
    }

    @Test
    void onlyDecisionsThatBecameOrdersAreExplainedUnlessAllAreAskedFor() throws Exception {
        server.enqueue(GeminiFixtures.ok());
        Decision unchanged = decision("BBB", 2_000, "still long", "unchanged");

        Run orders =
                run(
                        settings(Duration.ofSeconds(10), false),
                        2,
                        order("AAA", 1_000, "a"),
                        unchanged);
        assertThat(orders.lines())
                .extracting(l -> l.get("id").asText())
                .containsExactly("trend:AAA:1000");

        server.enqueue(GeminiFixtures.ok());
        server.enqueue(GeminiFixtures.ok());
        Run all =
                run(settings(Duration.ofSeconds(10), true), 2, order("AAA", 1_000, "a"), unchanged);
        assertThat(all.lines())
                .extracting(l -> l.get("id").asText())
                .containsExactlyInAnyOrder("trend:AAA:1000", "trend:BBB:2000");
    }

    @Test
    void rateLimitedAndFailingCallsFallBackToTheRationaleAndAreCounted() throws Exception {
        server.enqueue(GeminiFixtures.error(429, "RESOURCE_EXHAUSTED"));
        server.enqueue(GeminiFixtures.error(429, "RESOURCE_EXHAUSTED"));
        server.enqueue(GeminiFixtures.error(500, "INTERNAL"));

        Run run;
        try (LogCapture log = LogCapture.capture()) {
            run =
                    run(
                            settings(Duration.ofSeconds(10), false),
                            1,
                            order("AAA", 1_000, "why A"),
                            order("BBB", 2_000, "why B"),
                            order("CCC", 3_000, "why C"));
            assertThat(log.text())
                    .contains("fell back to its rationale: HTTP 429 RESOURCE_EXHAUSTED")
                    .doesNotContain(GeminiFixtures.KEY);
        }

        assertThat(run.lines()).hasSize(3);
        for (JsonNode line : run.lines()) {
            assertThat(line.get("source").asText()).isEqualTo("rules");
            String symbol = line.get("id").asText().split(":")[1];
            assertThat(line.get("text").asText()).isEqualTo("why " + symbol.charAt(0));
        }
        assertThat(run.counts())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("rules_http_429", 2L, "rules_http_500", 1L));
    }

    @Test
    void aCallPastTheTimeoutFallsBackToTheRationale() throws Exception {
        server.enqueue(
                new MockResponse.Builder(GeminiFixtures.ok())
                        .headersDelay(60, TimeUnit.SECONDS)
                        .build());

        Run run = run(settings(Duration.ofSeconds(1), false), 2, order("AAA", 1_000, "fast>slow"));

        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0).get("source").asText()).isEqualTo("rules");
        assertThat(run.lines().get(0).get("text").asText()).isEqualTo("fast>slow");
        assertThat(run.counts()).containsExactlyEntriesOf(Map.of("rules_timeout", 1L));
    }

    @Test
    void identicalDecisionsShareOneCall() throws Exception {
        server.enqueue(GeminiFixtures.ok());
        server.enqueue(GeminiFixtures.ok("a second call was made"));

        // the same agent, symbol, side, rationale and attribution at two times: one call
        Run run =
                run(
                        settings(Duration.ofSeconds(10), false),
                        1,
                        order("AAA", 1_000, "fast>slow"),
                        order("AAA", 2_000, "fast>slow"));

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(run.lines())
                .extracting(
                        l -> l.get("id").asText(),
                        l -> l.get("source").asText(),
                        l -> l.get("text").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "trend:AAA:1000", "gemini", GeminiFixtures.TEXT),
                        org.assertj.core.groups.Tuple.tuple(
                                "trend:AAA:2000", "gemini", GeminiFixtures.TEXT));
        assertThat(run.counts())
                .containsExactlyInAnyOrderEntriesOf(Map.of("gemini", 1L, "gemini_cached", 1L));
    }

    @Test
    void withoutAKeyNothingIsCalledAndEveryLineIsTheRationale() throws Exception {
        GeminiSettings noKey =
                new GeminiSettings(
                        server.url("/v1beta").toString(),
                        "gemini-2.5-flash",
                        null,
                        Duration.ofSeconds(10),
                        1000,
                        false);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                noKey.key() == null, "GEMINI_API_KEY is set in this environment");

        Run run = run(noKey, 2, order("AAA", 1_000, "fast>slow"));

        assertThat(server.getRequestCount()).isZero();
        assertThat(run.lines().get(0).get("source").asText()).isEqualTo("rules");
        assertThat(run.counts()).containsExactlyEntriesOf(Map.of("rules_no_key", 1L));
    }

    @Test
    void decisionsBeyondTheRateKeepTheirRationaleWithoutWaiting() throws Exception {
        server.enqueue(GeminiFixtures.ok());
        Path key = tmp.resolve("key");
        Files.writeString(key, GeminiFixtures.KEY);
        // one call per 1000 s: the first decision takes the only token
        GeminiSettings slow =
                new GeminiSettings(
                        server.url("/v1beta").toString(),
                        "gemini-2.5-flash",
                        key.toString(),
                        Duration.ofSeconds(10),
                        0.001,
                        false);

        Run run = run(slow, 1, order("AAA", 1_000, "a"), order("BBB", 2_000, "b"));

        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(run.counts())
                .containsExactlyInAnyOrderEntriesOf(Map.of("gemini", 1L, "rules_rate_limited", 1L));
    }
}
