package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.Fill;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable record of every accepted order and every fill: one SQLite file in WAL mode with
 * {@code synchronous=FULL}, so each committed write is fsync'd before the call returns.
 *
 * <p>Why SQLite rather than an append-only JSON-lines file: a commit is atomic (an order's new
 * status and its fill land together or not at all), a torn write at a crash is rolled back by
 * SQLite's own recovery instead of by hand-written tail repair, the {@code UNIQUE} constraints on
 * {@code client_order_id} make a second order or a second fill impossible even if the in-memory
 * checks had a bug, and the file can be inspected with the {@code sqlite3} shell.
 *
 * <p>Not thread-safe on its own: the caller serializes writes (the gateway holds its book lock).
 */
final class Journal implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;

    private final Connection connection;
    private final ObjectMapper json;

    private Journal(Connection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
    }

    /** Opens (creating if missing) the journal at {@code path}. */
    static Journal open(Path path, ObjectMapper json) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS orders("
                                + "seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                                + " client_order_id TEXT NOT NULL UNIQUE,"
                                + " status TEXT NOT NULL,"
                                + " body TEXT NOT NULL)");
                s.execute(
                        "CREATE TABLE IF NOT EXISTS fills("
                                + "seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                                + " client_order_id TEXT NOT NULL UNIQUE"
                                + " REFERENCES orders(client_order_id),"
                                + " body TEXT NOT NULL)");
                s.execute(
                        "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '"
                                + SCHEMA_VERSION
                                + "')");
            }
            checkSchema(c);
            return new Journal(c, json);
        } catch (SQLException e) {
            throw new IOException("cannot open journal " + path + ": " + e.getMessage(), e);
        }
    }

    private static void checkSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            int version = rs.next() ? Integer.parseInt(rs.getString(1)) : -1;
            if (version != SCHEMA_VERSION) {
                throw new SQLException(
                        "journal schema version " + version + ", expected " + SCHEMA_VERSION);
            }
        }
    }

    /** Durably records a newly accepted order. Fails if the id is already journaled. */
    void insertOrder(GatewayOrder order) throws IOException {
        try (PreparedStatement p =
                connection.prepareStatement(
                        "INSERT INTO orders(client_order_id, status, body) VALUES (?, ?, ?)")) {
            p.setString(1, order.clientOrderId());
            p.setString(2, order.status().name());
            p.setString(3, write(order));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("journal write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Durably records a route's outcome: the order's new state and, if any, its fill, atomically.
     */
    void recordOutcome(GatewayOrder order, @Nullable Fill fill) throws IOException {
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement p =
                    connection.prepareStatement(
                            "UPDATE orders SET status = ?, body = ? WHERE client_order_id = ?")) {
                p.setString(1, order.status().name());
                p.setString(2, write(order));
                p.setString(3, order.clientOrderId());
                if (p.executeUpdate() != 1) {
                    throw new SQLException("order " + order.clientOrderId() + " not journaled");
                }
            }
            if (fill != null) {
                try (PreparedStatement p =
                        connection.prepareStatement(
                                "INSERT INTO fills(client_order_id, body) VALUES (?, ?)")) {
                    p.setString(1, fill.clientOrderId());
                    p.setString(2, write(fill));
                    p.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new IOException("journal write failed: " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is broken; the next write reports it
            }
        }
    }

    /** Every journaled order, in acceptance order. */
    List<GatewayOrder> loadOrders() throws IOException {
        return load("SELECT body FROM orders ORDER BY seq", GatewayOrder.class);
    }

    /** Every journaled fill, in fill order. */
    List<Fill> loadFills() throws IOException {
        return load("SELECT body FROM fills ORDER BY seq", Fill.class);
    }

    private <T> List<T> load(String sql, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(json.readValue(rs.getString(1), type));
            }
        } catch (SQLException e) {
            throw new IOException("journal read failed: " + e.getMessage(), e);
        }
        return out;
    }

    private String write(Object value) throws IOException {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private void rollbackQuietly(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("journal close failed: " + e.getMessage(), e);
        }
    }
}
