package io.battleroyale.operators.gateway;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.Order;
import io.battleroyale.model.wire.OrderMessage;
import io.battleroyale.model.wire.WireException;
import io.battleroyale.sources.venues.http.RetryAfter;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The writer of {@link GatewayOrderSink}: one per subtask, OkHttp async calls, a semaphore of
 * {@code maxInFlight} permits held from {@code write} until the order is acknowledged or failed.
 *
 * <p>Threads: {@code write}, {@code flush} and {@code close} run on the task thread; responses
 * arrive on OkHttp's dispatcher threads and retries start from a single timer thread. They share
 * only the semaphore, the in-flight count (under {@code lock}), the first failure and thread-safe
 * counters.
 */
final class GatewayOrderWriter implements SinkWriter<Order> {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayOrderWriter.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long FAILURE_POLL_MS = 100;

    private final GatewaySinkConfig config;
    private final String where;
    private final String ordersUrl;
    private final String authorization;
    private final OkHttpClient client;
    private final ScheduledExecutorService retryTimer;
    private final Semaphore permits;
    private final Object lock = new Object();
    private final AtomicReference<GatewayDeliveryException> failure = new AtomicReference<>();
    private final Counter acknowledged;
    private final Counter retried;
    private final Counter failed;
    private final LongSupplier clock;

    private int inFlight; // guarded by lock
    private volatile boolean closed;

    GatewayOrderWriter(GatewaySinkConfig config, MetricGroup metrics, String where) {
        this.config = config;
        this.where = where;
        this.ordersUrl = config.ordersUrl();
        this.authorization = "Bearer " + config.token();
        this.permits = new Semaphore(config.maxInFlight());
        this.clock = System::currentTimeMillis;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.maxInFlight());
        dispatcher.setMaxRequestsPerHost(config.maxInFlight());
        this.client =
                new OkHttpClient.Builder()
                        .dispatcher(dispatcher)
                        .connectTimeout(config.timeouts().connect())
                        .readTimeout(config.timeouts().read())
                        .writeTimeout(config.timeouts().read())
                        .callTimeout(config.timeouts().call())
                        // every attempt is ours to count and back off
                        .retryOnConnectionFailure(false)
                        .build();
        this.retryTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "gateway-sink-retry (" + where + ")");
                            t.setDaemon(true);
                            return t;
                        });
        MetricGroup group = metrics.addGroup("gateway");
        this.acknowledged = group.counter("ordersAcknowledged", new ThreadSafeSimpleCounter());
        this.retried = group.counter("ordersRetried", new ThreadSafeSimpleCounter());
        this.failed = group.counter("ordersFailed", new ThreadSafeSimpleCounter());
        group.gauge("ordersInFlight", (Gauge<Integer>) this::inFlight);
    }

    @Override
    public void write(Order order, Context context) throws IOException, InterruptedException {
        throwIfFailed();
        byte[] body = MAPPER.writeValueAsBytes(OrderMessage.of(order).toJson());
        // Block while maxInFlight orders are out: this is the sink's backpressure. Wake up now and
        // then so that a failure of an earlier order fails the job instead of waiting forever.
        while (!permits.tryAcquire(FAILURE_POLL_MS, TimeUnit.MILLISECONDS)) {
            throwIfFailed();
        }
        synchronized (lock) {
            inFlight++;
        }
        send(new Attempt(order, body, 1));
    }

    /**
     * Waits until every order written so far is acknowledged. Flink calls this before each
     * checkpoint barrier and at the end of input, so a completed checkpoint means every earlier
     * order is at the gateway.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        synchronized (lock) {
            while (inFlight > 0 && failure.get() == null) {
                lock.wait(FAILURE_POLL_MS);
            }
        }
        throwIfFailed();
    }

    @Override
    public void close() {
        closed = true;
        retryTimer.shutdownNow();
        client.dispatcher().cancelAll();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    long acknowledgedCount() {
        return acknowledged.getCount();
    }

    long retriedCount() {
        return retried.getCount();
    }

    /** One HTTP attempt of one order. */
    private record Attempt(Order order, byte[] body, int number) {
        Attempt next() {
            return new Attempt(order, body, number + 1);
        }
    }

    private void send(Attempt attempt) {
        if (closed) {
            done();
            return;
        }
        Request request =
                new Request.Builder()
                        .url(ordersUrl)
                        .header("Authorization", authorization)
                        .post(RequestBody.create(attempt.body(), JSON))
                        .build();
        client.newCall(request)
                .enqueue(
                        new Callback() {
                            @Override
                            public void onFailure(Call call, IOException e) {
                                if (closed) {
                                    done();
                                } else {
                                    retryOrFail(attempt, "I/O error: " + e, 0);
                                }
                            }

                            @Override
                            public void onResponse(Call call, Response response) {
                                try (response) {
                                    handle(attempt, response);
                                } catch (RuntimeException e) {
                                    fail(
                                            attempt,
                                            "unexpected error handling the gateway's answer: " + e);
                                }
                            }
                        });
    }

    private void handle(Attempt attempt, Response response) {
        int code = response.code();
        Order order = attempt.order();
        if (code >= 200 && code < 300) {
            if (code == 200) {
                // a repeat of a known id (a replay after restore, or a retry whose first answer
                // was lost): the gateway returned the original and executed nothing
                LOG.debug("{}: order {} was already at the gateway", where, order.clientOrderId());
            }
            acknowledged.inc();
            done();
            return;
        }
        String body = bodyOf(response);
        if (code == 409) {
            if (sameTrade(order, body)) {
                LOG.warn(
                        "{}: gateway answered 409 for order {} but holds the same trade; counting"
                                + " it as acknowledged",
                        where,
                        order.clientOrderId());
                acknowledged.inc();
                done();
            } else {
                fail(
                        attempt,
                        "the gateway holds a different order under client_order_id "
                                + order.clientOrderId()
                                + " (409): "
                                + errorText(body));
            }
            return;
        }
        if (code == 408 || code == 429 || code >= 500) {
            retryOrFail(
                    attempt,
                    "HTTP " + code + ": " + errorText(body),
                    retryAfterMs(response.header("Retry-After"), clock.getAsLong()));
            return;
        }
        String hint = code == 401 || code == 403 ? " (check the gateway token)" : "";
        fail(
                attempt,
                "the gateway refused order "
                        + order.clientOrderId()
                        + " with HTTP "
                        + code
                        + hint
                        + ": "
                        + errorText(body));
    }

    private void retryOrFail(Attempt attempt, String reason, long retryAfterMs) {
        if (attempt.number() >= config.maxAttempts()) {
            fail(
                    attempt,
                    "order "
                            + attempt.order().clientOrderId()
                            + " not acknowledged by the gateway after "
                            + attempt.number()
                            + " attempts; last: "
                            + reason);
            return;
        }
        long delay = Math.max(config.backoff().delayMs(attempt.number()), retryAfterMs);
        retried.inc();
        LOG.warn(
                "{}: order {} attempt {}/{} failed ({}); retrying in {} ms",
                where,
                attempt.order().clientOrderId(),
                attempt.number(),
                config.maxAttempts(),
                reason,
                delay);
        try {
            retryTimer.schedule(() -> send(attempt.next()), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done(); // closed meanwhile
        }
    }

    private void fail(Attempt attempt, String message) {
        failed.inc();
        GatewayDeliveryException e =
                new GatewayDeliveryException(
                        message + " [" + ordersUrl + ", " + where + "]; failing the job");
        if (failure.compareAndSet(null, e)) {
            LOG.error("{}: {}", where, e.getMessage());
        }
        done();
    }

    private void done() {
        permits.release();
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    private void throwIfFailed() throws GatewayDeliveryException {
        GatewayDeliveryException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Whether a 409's {@code order} is the same trade (agent, symbol, side, quantity). */
    private static boolean sameTrade(Order order, String body) {
        try {
            OrderMessage existing = OrderMessage.fromJson(MAPPER.readTree(body).path("order"));
            return order.clientOrderId().equals(existing.clientOrderId())
                    && OrderMessage.of(order).sameTradeAs(existing);
        } catch (IOException | WireException e) {
            return false;
        }
    }

    private static String bodyOf(Response response) {
        ResponseBody body = response.body();
        try {
            return body == null ? "" : body.string();
        } catch (IOException e) {
            return "";
        }
    }

    /** The gateway's {@code error} field if the body is its JSON error, else the body, clipped. */
    private static String errorText(String body) {
        String text = body;
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node != null && node.hasNonNull("error")) {
                text = node.get("error").asText();
            }
        } catch (IOException e) {
            // not JSON: keep the raw body
        }
        text = text.strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /**
     * {@code Retry-After} in milliseconds from {@code nowMs}: delta-seconds or an HTTP date; {@code
     * 0} if absent or unreadable; at most {@link GatewaySinkConfig#MAX_RETRY_AFTER}.
     */
    static long retryAfterMs(@Nullable String header, long nowMs) {
        long ms = RetryAfter.millis(header, nowMs);
        return ms < 0 ? 0 : Math.min(ms, GatewaySinkConfig.MAX_RETRY_AFTER.toMillis());
    }
}
