package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Fans events out to every connected {@code /v1/stream} client as {@code {"type": ..., "data":
 * ...}} text frames. Events are serialized at once (in the order they happened) and sent from one
 * thread, so the intake never waits for a slow client and every client sees the same order.
 */
final class EventStream implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private final ObjectMapper json;
    private final Set<WsContext> clients = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "gateway-stream");
                        t.setDaemon(true);
                        return t;
                    });

    EventStream(ObjectMapper json) {
        this.json = json;
    }

    void connected(WsContext client) {
        clients.add(client);
        ObjectNode hello = json.createObjectNode();
        hello.put("type", "hello");
        hello.put("server_time", System.currentTimeMillis());
        send(client, hello.toString());
        LOG.info("stream client {} connected ({} connected)", client.sessionId(), clients.size());
    }

    void disconnected(WsContext client) {
        if (clients.remove(client)) {
            LOG.info(
                    "stream client {} disconnected ({} connected)",
                    client.sessionId(),
                    clients.size());
        }
    }

    @Override
    public void publish(String type, Object data) {
        if (clients.isEmpty()) {
            return;
        }
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.set("data", json.valueToTree(data));
        String text;
        try {
            text = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            LOG.error("cannot serialize {} event", type, e);
            return;
        }
        try {
            sender.execute(
                    () -> {
                        for (WsContext client : clients) {
                            send(client, text);
                        }
                    });
        } catch (RejectedExecutionException e) {
            // closing: nobody left to tell
        }
    }

    private void send(WsContext client, String text) {
        try {
            if (client.session.isOpen()) {
                client.send(text);
            } else {
                clients.remove(client);
            }
        } catch (RuntimeException e) {
            LOG.warn("dropping stream client {}: {}", client.sessionId(), e.toString());
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(2, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        clients.clear();
    }
}
