package io.battleroyale.job.explain;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.battleroyale.model.Decision;
import io.battleroyale.model.Signal;
import io.battleroyale.sources.venues.http.TimeSource;
import io.battleroyale.sources.venues.http.TokenBucket;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Explains decisions with the Gemini API ({@code generateContent}), falling back to the decision's
 * own rationale whenever there is no key, the call fails, times out, or the rate limit has no token
 * for it. Each explanation names its outcome, which {@link OutcomeCounts} counts (an async function
 * may not use accumulators).
 *
 * <p>Calls are asynchronous (OkHttp's dispatcher) and never wait for a token, so the operator's
 * queue only holds the calls in flight. Identical decisions (same agent, symbol, side, rationale
 * and attribution) share one call per subtask.
 *
 * <p>The key goes in the {@code x-goog-api-key} header only; nothing here logs a request, and every
 * message logged has the key masked.
 */
public final class GeminiExplainer extends RichAsyncFunction<Decision, Explanation> {
    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(GeminiExplainer.class);

    static final String SYSTEM_INSTRUCTION =
            "You explain automated trading decisions in at most two plain sentences, using only"
                    + " the facts given. No advice.";

    /** Distinct decisions remembered per subtask; beyond it, new ones are still explained. */
    private static final int MAX_CACHED = 10_000;

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeminiSettings settings;

    private transient @Nullable String key;
    private transient OkHttpClient http;
    private transient HttpUrl url;
    private transient TokenBucket bucket;
    private transient Map<String, CompletableFuture<String>> cache;
    private transient Map<ResultFuture<Explanation>, Pending> pending;
    private transient Set<String> warned;

    public GeminiExplainer(GeminiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        key = settings.key();
        HttpUrl base = HttpUrl.parse(settings.baseUrl());
        if (base == null) {
            throw new IllegalArgumentException(
                    "--gemini-base-url: not an http(s) URL: " + settings.baseUrl());
        }
        url = base.newBuilder().addPathSegment("models").addPathSegment(settings.model()).build();
        // the ':generateContent' verb belongs to the model's segment, so it is appended as is
        url = HttpUrl.get(url + ":generateContent");
        long timeoutMs = settings.timeout().toMillis();
        http =
                new OkHttpClient.Builder()
                        .callTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .retryOnConnectionFailure(false)
                        .build();
        double rate = settings.requestsPerSecond();
        bucket = new TokenBucket(rate, Math.max(1, Math.floor(rate)), TimeSource.SYSTEM);
        cache = new ConcurrentHashMap<>();
        pending = new ConcurrentHashMap<>();
        warned = ConcurrentHashMap.newKeySet();
        if (key == null) {
            LOG.warn(
                    "no {} set: every explanation is the decision's rationale",
                    io.battleroyale.model.bounds.Credentials.GEMINI_API_KEY);
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.dispatcher().cancelAll();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public void asyncInvoke(Decision decision, ResultFuture<Explanation> result) {
        Pending p = new Pending(decision, result);
        pending.put(result, p);
        if (key == null) {
            p.rules("no_key", null);
            return;
        }
        String content = content(decision.signal());
        CompletableFuture<String> call = cache.get(content);
        String outcome = "gemini_cached";
        if (call == null) {
            if (!bucket.tryAcquire()) {
                p.rules("rate_limited", "the rate limit of " + settings.requestsPerSecond() + "/s");
                return;
            }
            call = new CompletableFuture<>();
            if (cache.size() < MAX_CACHED) {
                cache.put(content, call);
            }
            call(content, call);
            outcome = "gemini";
        }
        String counted = outcome;
        call.whenComplete(
                (text, failure) -> {
                    if (failure == null) {
                        p.gemini(text, counted);
                    } else {
                        Fallback f =
                                failure instanceof Fallback fb
                                        ? fb
                                        : new Fallback("error", failure.toString());
                        p.rules(f.reason, f.getMessage());
                    }
                });
    }

    @Override
    public void timeout(Decision decision, ResultFuture<Explanation> result) {
        Pending p = pending.get(result);
        if (p != null) {
            p.rules("timeout", "no answer within " + settings.timeout().toMillis() + " ms");
        } else {
            result.complete(List.of(rules(decision, "rules_timeout")));
        }
    }

    /** What the explanation may depend on, and so the cache key: no time, no id. */
    static String content(Signal s) {
        StringBuilder b =
                new StringBuilder()
                        .append("Agent ")
                        .append(s.agent())
                        .append(" decided ")
                        .append(s.side())
                        .append(' ')
                        .append(s.symbol())
                        .append(". Its rationale: ")
                        .append(s.rationale())
                        .append("\nContributions to its score, by factor:");
        new TreeMap<>(s.attribution())
                .forEach(
                        (factor, value) ->
                                b.append("\n- ")
                                        .append(factor)
                                        .append(": ")
                                        .append(String.format(Locale.ROOT, "%+.4f", value)));
        return b.append("\nExplain this decision to a reader.").toString();
    }

    static Explanation rules(Decision d, String outcome) {
        return new Explanation(d.id(), Explanation.RULES, d.signal().rationale(), outcome);
    }

    private void call(String prompt, CompletableFuture<String> done) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("systemInstruction")
                .putArray("parts")
                .addObject()
                .put("text", SYSTEM_INSTRUCTION);
        ObjectNode user = body.putArray("contents").addObject().put("role", "user");
        user.putArray("parts").addObject().put("text", prompt);
        ObjectNode config = body.putObject("generationConfig");
        config.put("temperature", 0.2).put("maxOutputTokens", 1024);
        // Flash counts "thinking" against maxOutputTokens: without this the text can come back
        // empty
        config.putObject("thinkingConfig").put("thinkingBudget", 0);
        Request request =
                new Request.Builder()
                        .url(url)
                        .header("x-goog-api-key", key)
                        .post(RequestBody.create(body.toString(), JSON_TYPE))
                        .build();
        http.newCall(request)
                .enqueue(
                        new Callback() {
                            @Override
                            public void onFailure(Call call, IOException e) {
                                String reason =
                                        e instanceof InterruptedIOException ? "timeout" : "error";
                                fail(done, new Fallback(reason, e.toString()), prompt);
                            }

                            @Override
                            public void onResponse(Call call, Response response) {
                                try (response) {
                                    done.complete(text(response));
                                } catch (Fallback f) {
                                    fail(done, f, prompt);
                                } catch (IOException e) {
                                    String reason =
                                            e instanceof InterruptedIOException
                                                    ? "timeout"
                                                    : "error";
                                    fail(done, new Fallback(reason, e.toString()), prompt);
                                }
                            }
                        });
    }

    /** A failed call is forgotten, so the next identical decision tries again. */
    private void fail(CompletableFuture<String> done, Fallback f, String prompt) {
        cache.remove(prompt, done);
        done.completeExceptionally(f);
    }

    /** The text at {@code candidates[0].content.parts[*].text}. */
    private static String text(Response response) throws IOException {
        ResponseBody body = response.body();
        String raw = body == null ? "" : body.string();
        if (!response.isSuccessful()) {
            String status = parseOrEmpty(raw).path("error").path("status").asText("");
            throw new Fallback(
                    "http_" + response.code(),
                    "HTTP " + response.code() + (status.isEmpty() ? "" : " " + status));
        }
        JsonNode root = parseOrEmpty(raw);
        JsonNode candidate = root.path("candidates").path(0);
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            text.append(part.path("text").asText(""));
        }
        String out = text.toString().strip();
        if (out.isEmpty()) {
            String why = candidate.path("finishReason").asText("");
            if (why.isEmpty()) {
                why = root.path("promptFeedback").path("blockReason").asText("no candidate");
            }
            throw new Fallback("empty", "no text in the answer (" + why + ")");
        }
        return out.replaceAll("\\s+", " ");
    }

    private static JsonNode parseOrEmpty(String raw) {
        try {
            return JSON.readTree(raw.isBlank() ? "{}" : raw);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Why a decision kept its rationale; the message is logged, with the key masked. */
    private static final class Fallback extends IOException {
        private static final long serialVersionUID = 1L;
        final String reason;

        Fallback(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /** One decision waiting for its explanation; completes and counts at most once. */
    private final class Pending {
        private final Decision decision;
        private final ResultFuture<Explanation> result;
        private final AtomicBoolean done = new AtomicBoolean();

        Pending(Decision decision, ResultFuture<Explanation> result) {
            this.decision = decision;
            this.result = result;
        }

        void gemini(String text, String outcome) {
            if (finish()) {
                result.complete(
                        List.of(new Explanation(decision.id(), Explanation.GEMINI, text, outcome)));
            }
        }

        void rules(String reason, @Nullable String message) {
            String counted = "rules_" + reason;
            if (finish()) {
                if (message != null && warned.add(counted)) {
                    LOG.warn(
                            "explanation of {} fell back to its rationale: {} (further {} are"
                                    + " counted, not logged)",
                            decision.id(),
                            mask(message),
                            counted);
                }
                result.complete(List.of(GeminiExplainer.rules(decision, counted)));
            }
        }

        private boolean finish() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            pending.remove(result);
            return true;
        }
    }

    private String mask(String message) {
        return key == null || key.isEmpty() ? message : message.replace(key, "****");
    }
}
