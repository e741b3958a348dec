package io.battleroyale.operators.gateway;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import io.battleroyale.model.Order;

import java.util.Objects;

/**
 * Posts risk-checked orders to the execution gateway ({@code POST /v1/orders}), a Sink V2.
 *
 * <p>Delivery: each subtask's writer keeps at most {@link GatewaySinkConfig#maxInFlight()} orders
 * unacknowledged ({@code write} blocks beyond that: backpressure), retries I/O errors, 408, 429 and
 * 5xx with exponential backoff, and fails the job on any other refusal or when the attempts run
 * out: an order is never dropped silently. {@code flush}, which Flink calls before every checkpoint
 * barrier and at the end of input, returns only when every order written so far is acknowledged. So
 * a completed checkpoint means every order before it is at the gateway; a restore replays only
 * orders after it, and because order ids are deterministic and the gateway is idempotent on {@code
 * client_order_id}, a replayed order is answered with the original and not executed twice:
 * effectively exactly-once.
 */
public final class GatewayOrderSink implements Sink<Order> {
    private static final long serialVersionUID = 1L;

    private final GatewaySinkConfig config;

    public GatewayOrderSink(GatewaySinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public GatewaySinkConfig config() {
        return config;
    }

    @Override
    public SinkWriter<Order> createWriter(WriterInitContext context) {
        return new GatewayOrderWriter(
                config,
                context.metricGroup(),
                "subtask " + context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public String toString() {
        return "GatewayOrderSink[" + config + "]";
    }
}
