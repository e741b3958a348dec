package io.battleroyale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.annotation.Nullable;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Forwards orders to Alpaca's trading API ({@code POST /v2/orders}) as market orders, passing the
 * gateway's {@code client_order_id} through so that Alpaca deduplicates a resubmission.
 *
 * <p>Outcomes: an order object with {@code status: filled} and a {@code filled_avg_price} becomes a
 * fill; other live statuses become {@code accepted}; {@code rejected}, {@code canceled} and {@code
 * expired} become {@code rejected}. HTTP 422 "client_order_id must be unique" means Alpaca already
 * has this order (we sent it before a crash or a timeout), so the route fetches it by client order
 * id and adopts it; other 4xx (403 insufficient buying power, 422 invalid) reject the order for
 * good; 401, 429, 5xx and network errors are transient ({@link RouteException}).
 *
 * <p>Commission is taken as 0: Alpaca charges none on US equities, and its order object has no fee
 * field.
 */
final class AlpacaRoute implements ExecutionRoute {
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl baseUrl;
    private final String keyId;
    private final String secret;
    private final OkHttpClient http;
    private final ObjectMapper json;

    AlpacaRoute(String baseUrl, String keyId, String secret, ObjectMapper json) {
        HttpUrl parsed = HttpUrl.parse(baseUrl);
        if (parsed == null) {
            throw new IllegalArgumentException("alpaca base URL is not a URL: " + baseUrl);
        }
        this.baseUrl = parsed;
        this.keyId = keyId;
        this.secret = secret;
        this.json = json;
        this.http =
                new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(10))
                        .callTimeout(Duration.ofSeconds(20))
                        .retryOnConnectionFailure(false)
                        .build();
    }

    @Override
    public String name() {
        return "alpaca";
    }

    @Override
    public RouteResult submit(GatewayOrder order, double price) throws RouteException {
        ObjectNode body = json.createObjectNode();
        body.put("symbol", order.symbol());
        body.put("qty", BigDecimal.valueOf(order.quantity()).stripTrailingZeros().toPlainString());
        body.put("side", order.side().name().toLowerCase(Locale.ROOT));
        body.put("type", "market");
        // crypto pairs (BTC/USD) accept gtc or ioc only; fractional equity market orders need day
        body.put("time_in_force", order.symbol().contains("/") ? "gtc" : "day");
        body.put("client_order_id", order.clientOrderId());
        Request request =
                authorized(baseUrl.newBuilder().addPathSegments("v2/orders").build())
                        .post(RequestBody.create(body.toString(), JSON))
                        .build();
        try (Response response = http.newCall(request).execute()) {
            String text = bodyText(response);
            int code = response.code();
            if (response.isSuccessful()) {
                return outcome(parse(text, code));
            }
            String message = errorMessage(text);
            if (code == 422 && message.toLowerCase(Locale.ROOT).contains("client_order_id")) {
                return outcome(fetchByClientOrderId(order.clientOrderId()));
            }
            if (code == 401 || code == 429 || code >= 500) {
                throw new RouteException("alpaca answered " + code + ": " + message);
            }
            return RouteResult.rejected(null, "alpaca " + code + ": " + message);
        } catch (IOException e) {
            throw new RouteException("alpaca unreachable: " + e.getMessage(), e);
        }
    }

    private JsonNode fetchByClientOrderId(String clientOrderId) throws RouteException {
        HttpUrl url =
                baseUrl.newBuilder()
                        .addPathSegments("v2/orders:by_client_order_id")
                        .addQueryParameter("client_order_id", clientOrderId)
                        .build();
        try (Response response = http.newCall(authorized(url).get().build()).execute()) {
            String text = bodyText(response);
            if (!response.isSuccessful()) {
                throw new RouteException(
                        "alpaca reports "
                                + clientOrderId
                                + " as a duplicate but the lookup answered "
                                + response.code()
                                + ": "
                                + errorMessage(text));
            }
            return parse(text, response.code());
        } catch (IOException e) {
            throw new RouteException("alpaca unreachable: " + e.getMessage(), e);
        }
    }

    private static RouteResult outcome(JsonNode alpacaOrder) throws RouteException {
        String id = textOrNull(alpacaOrder, "id");
        String status = textOrNull(alpacaOrder, "status");
        if (id == null || status == null) {
            throw new RouteException("alpaca order object without id or status");
        }
        switch (status) {
            case "filled":
                Double avg = decimalOrNull(alpacaOrder, "filled_avg_price");
                Double qty = decimalOrNull(alpacaOrder, "filled_qty");
                if (avg == null || qty == null) {
                    return RouteResult.accepted(id);
                }
                return RouteResult.filled(id, qty, avg, 0);
            case "rejected":
            case "canceled":
            case "expired":
                return RouteResult.rejected(id, "alpaca status " + status);
            default:
                return RouteResult.accepted(id);
        }
    }

    private Request.Builder authorized(HttpUrl url) {
        return new Request.Builder()
                .url(url)
                .header("APCA-API-KEY-ID", keyId)
                .header("APCA-API-SECRET-KEY", secret)
                .header("Accept", "application/json");
    }

    private static String bodyText(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    private JsonNode parse(String text, int code) throws RouteException {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new RouteException("alpaca answered " + code + " without an order object");
            }
            return node;
        } catch (IOException e) {
            throw new RouteException("alpaca answered " + code + " with unreadable JSON", e);
        }
    }

    /** Alpaca errors look like {@code {"code": 40310000, "message": "..."}}; fall back to text. */
    private String errorMessage(String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException ignored) {
            // not JSON: use the raw text
        }
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    @Nullable
    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Alpaca sends quantities and prices as decimal strings; accept numbers too. */
    @Nullable
    private static Double decimalOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
