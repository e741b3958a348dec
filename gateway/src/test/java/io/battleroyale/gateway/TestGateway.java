package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** A started gateway on a loopback port with an OkHttp client that speaks to it. */
final class TestGateway implements AutoCloseable {
    static final String TOKEN = "s3cret-test-token-7f3a9c";
    static final MediaType JSON = MediaType.get("application/json");
    static final ObjectMapper MAPPER = GatewayServer.objectMapper();

    final GatewayServer server;
    final OkHttpClient client;
    final String base;

    private TestGateway(GatewayServer server) {
        this.server = server;
        this.client =
                new OkHttpClient.Builder()
                        .callTimeout(Duration.ofSeconds(30))
                        .retryOnConnectionFailure(false)
                        .build();
        this.base = "http://127.0.0.1:" + server.port();
    }

    static TestGateway paper(Path journal) throws IOException {
        return start(GatewayConfig.paper(0, journal, TOKEN));
    }

    static TestGateway start(GatewayConfig config) throws IOException {
        return new TestGateway(GatewayServer.start(config));
    }

    /** An HTTP answer: status and parsed JSON body (null when the body is empty). */
    record Reply(int code, @Nullable JsonNode body, String raw) {
        String text(String field) {
            JsonNode node = body == null ? null : body.get(field);
            return node == null ? null : node.asText();
        }
    }

    Reply post(String path, String json) {
        return call(
                new Request.Builder()
                        .url(base + path)
                        .header("Authorization", "Bearer " + TOKEN)
                        .post(RequestBody.create(json, JSON))
                        .build());
    }

    Reply get(String path) {
        return call(
                new Request.Builder()
                        .url(base + path)
                        .header("Authorization", "Bearer " + TOKEN)
                        .build());
    }

    Reply call(Request request) {
        try (Response response = client.newCall(request).execute()) {
            String raw = response.body() == null ? "" : response.body().string();
            JsonNode body = raw.isEmpty() ? null : MAPPER.readTree(raw);
            return new Reply(response.code(), body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid order body. */
    static String order(String id, String side, double quantity, double referencePrice) {
        return String.format(
                Locale.ROOT,
                "{\"client_order_id\":\"%s\",\"agent\":\"trend\",\"symbol\":\"SPY\","
                        + "\"side\":\"%s\",\"quantity\":%s,\"reference_price\":%s,"
                        + "\"ts\":1767225600000}",
                id,
                side,
                quantity,
                referencePrice);
    }

    @Override
    public void close() {
        server.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
