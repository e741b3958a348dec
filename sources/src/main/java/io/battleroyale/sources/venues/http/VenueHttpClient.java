package io.battleroyale.sources.venues.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.sources.venues.VenueException;
import io.battleroyale.sources.venues.VenueException.Kind;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GETs JSON from one venue host: rate limited, retried with backoff, optionally signed, and checked
 * that the answer really is the venue's JSON API (not a Cloudflare page, an empty body or garbage).
 *
 * <p>Nothing here logs headers, query strings or signer state, so credentials never reach a log.
 */
public final class VenueHttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(VenueHttpClient.class);
    private static final Pattern HTML_TITLE =
            Pattern.compile("<title[^>]*>([^<]{0,120})", Pattern.CASE_INSENSITIVE);

    /** The mapper every venue parser shares: exact decimals, trailing garbage rejected. */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final String venue;
    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    private final TokenBucket bucket;
    private final TimeSource time;
    @Nullable private final RequestSigner signer;

    public VenueHttpClient(
            String venue,
            HttpUrl baseUrl,
            OkHttpClient http,
            HttpSettings settings,
            TimeSource time,
            @Nullable RequestSigner signer) {
        this.venue = venue;
        this.baseUrl = baseUrl;
        this.http =
                http.newBuilder()
                        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .retryOnConnectionFailure(false)
                        .build();
        this.retry = settings.retry();
        this.bucket = new TokenBucket(settings.permitsPerSecond(), settings.burst(), time);
        this.time = time;
        this.signer = signer;
    }

    /** Parses a base URL, failing with a message that names the venue. */
    public static HttpUrl parseBaseUrl(String venue, String url) {
        HttpUrl parsed = HttpUrl.parse(url.trim());
        if (parsed == null) {
            throw new IllegalArgumentException(
                    venue + ": base URL is not an http(s) URL: '" + url + "'");
        }
        return parsed;
    }

    public String venue() {
        return venue;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public TimeSource time() {
        return time;
    }

    /**
     * GETs {@code base/segments…?query} and returns the parsed JSON.
     *
     * @param segments path segments appended to the base URL, each encoded (so a ticker or slug
     *     cannot escape its segment)
     * @param query parameters; entries with a {@code null} value are left out
     */
    public JsonNode getJson(Map<String, String> query, String... segments) throws VenueException {
        HttpUrl.Builder url = baseUrl.newBuilder();
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null) {
                url.addQueryParameter(e.getKey(), e.getValue());
            }
        }
        return getJson(url.build());
    }

    private JsonNode getJson(HttpUrl url) throws VenueException {
        String path = url.encodedPath();
        String where = "GET " + path;
        String lastFailure = "no attempt made";
        int lastStatus = 0;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            long retryAfterNanos = -1;
            try {
                bucket.acquire();
                Request.Builder request = new Request.Builder().url(url).get();
                request.header("Accept", "application/json");
                if (signer != null) {
                    signer.sign(request, "GET", path);
                }
                try (Response response = http.newCall(request.build()).execute()) {
                    int code = response.code();
                    lastStatus = code;
                    String body = readBody(response.body());
                    if (code == 429 || code >= 500) {
                        lastFailure = "HTTP " + code + describeErrorBody(body);
                        retryAfterNanos = retryAfterNanos(response.header("Retry-After"));
                        if (retryAfterNanos > retry.maxRetryAfter().toNanos()) {
                            throw new VenueException(
                                    venue,
                                    where,
                                    Kind.UNREACHABLE,
                                    code,
                                    lastFailure
                                            + "; the venue asked to retry after "
                                            + TimeUnit.NANOSECONDS.toSeconds(retryAfterNanos)
                                            + " s, longer than the "
                                            + retry.maxRetryAfter().toSeconds()
                                            + " s this client waits");
                        }
                    } else if (code < 200 || code >= 300) {
                        throw new VenueException(
                                venue,
                                where,
                                Kind.HTTP_STATUS,
                                code,
                                "HTTP " + code + describeErrorBody(body));
                    } else {
                        return parse(where, code, response.header("Content-Type"), body);
                    }
                }
            } catch (InterruptedException | InterruptedIOException e) {
                if (e instanceof InterruptedException
                        || (Thread.currentThread().isInterrupted()
                                && !(e instanceof SocketTimeoutException))) {
                    Thread.currentThread().interrupt();
                    throw new VenueException(
                            venue, where, Kind.INTERRUPTED, lastStatus, "interrupted", e);
                }
                lastStatus = 0;
                lastFailure = "timed out (" + e.getMessage() + ")";
            } catch (VenueException e) {
                throw e;
            } catch (IOException e) {
                lastStatus = 0;
                lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (attempt == retry.maxAttempts()) {
                break;
            }
            long wait =
                    Math.max(
                            TimeUnit.MILLISECONDS.toNanos(retry.backoff().delayMs(attempt)),
                            retryAfterNanos);
            LOG.warn(
                    "{} {} attempt {}/{} failed: {}; retrying in {} ms",
                    venue,
                    where,
                    attempt,
                    retry.maxAttempts(),
                    lastFailure,
                    TimeUnit.NANOSECONDS.toMillis(wait));
            try {
                time.sleepNanos(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VenueException(
                        venue, where, Kind.INTERRUPTED, lastStatus, "interrupted", e);
            }
        }
        throw new VenueException(
                venue,
                where,
                Kind.UNREACHABLE,
                lastStatus,
                "not reachable after " + retry.maxAttempts() + " attempts: " + lastFailure);
    }

    private static String readBody(@Nullable ResponseBody body) throws IOException {
        return body == null ? "" : body.string();
    }

    private JsonNode parse(String where, int code, @Nullable String contentType, String body)
            throws VenueException {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw new VenueException(
                    venue, where, Kind.NOT_API, code, "not the venue's API: empty body");
        }
        if (looksLikeHtml(contentType, trimmed)) {
            throw new VenueException(
                    venue,
                    where,
                    Kind.NOT_API,
                    code,
                    "not the venue's API: an HTML page"
                            + htmlTitle(trimmed)
                            + " (a firewall or bot challenge?)");
        }
        try {
            return MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            throw new VenueException(
                    venue,
                    where,
                    Kind.NOT_API,
                    code,
                    "not the venue's API: malformed JSON ("
                            + e.getOriginalMessage()
                            + ") starting '"
                            + snippet(trimmed)
                            + "'",
                    e);
        }
    }

    private static boolean looksLikeHtml(@Nullable String contentType, String body) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return true;
        }
        return body.startsWith("<");
    }

    private static String htmlTitle(String body) {
        Matcher m = HTML_TITLE.matcher(body);
        return m.find() ? " titled '" + m.group(1).strip() + "'" : "";
    }

    private static String describeErrorBody(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        if (trimmed.startsWith("<")) {
            return " with an HTML page" + htmlTitle(trimmed);
        }
        return ": " + snippet(trimmed);
    }

    private static String snippet(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }

    /** Delta-seconds or an HTTP date; {@code -1} when absent or unreadable. */
    private long retryAfterNanos(@Nullable String header) {
        long ms = RetryAfter.millis(header, time.epochMillis());
        return ms < 0 ? -1 : TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
