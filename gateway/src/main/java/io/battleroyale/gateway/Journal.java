package io.battleroyale.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.model.Fill;
import io.battleroyale.model.bounds.Sizes;
import io.battleroyale.model.bounds.Texts;
import io.battleroyale.model.bounds.Timestamps;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

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
    private final JournalLock lock;
    private final Path path;

    private Journal(Connection connection, ObjectMapper json, JournalLock lock, Path path) {
        this.connection = connection;
        this.json = json;
        this.lock = lock;
        this.path = path;
    }

    /**
     * Opens (creating if missing) the journal at {@code path}, locked against a second gateway.
     *
     * @throws IOException naming the journal and why it cannot be used: a directory, not SQLite,
     *     another program's database, another schema version, or in use by another gateway; in
     *     every case the file is left as it was
     */
    static Journal open(Path path, ObjectMapper json) throws IOException {
        Path file = path.toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new IOException("journal " + file + " is a directory, not a file");
        }
        if (Files.exists(file) && Files.size(file) > 0 && !isSqlite(file)) {
            throw new IOException(
                    "journal "
                            + file
                            + " is not an SQLite database (another file?); give another --journal");
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JournalLock lock = JournalLock.acquire(file);
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            requireOurs(c, file);
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
            return new Journal(c, json, lock, file);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(c);
            lock.close();
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("journal " + file + ": cannot open: " + oneLine(e), e);
        }
    }

    /** The first 16 bytes of every SQLite 3 database. */
    private static boolean isSqlite(Path file) throws IOException {
        byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    /** An empty database, or one with our meta table at our schema version; else refused. */
    private static void requireOurs(Connection c, Path file) throws SQLException, IOException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT name FROM sqlite_master WHERE type = 'table'"
                                        + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        if (!tables.containsAll(List.of("meta", "orders", "fills"))) {
            throw new IOException(
                    "journal "
                            + file
                            + " is not a gateway journal (its tables are "
                            + tables
                            + "); give another --journal");
        }
        String version;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT value FROM meta WHERE key = 'schema_version'")) {
            version = rs.next() ? rs.getString(1) : "none";
        }
        if (!String.valueOf(SCHEMA_VERSION).equals(version)) {
            throw new IOException(
                    "journal "
                            + file
                            + " has schema version "
                            + version
                            + ", this gateway reads version "
                            + SCHEMA_VERSION);
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
        return load("orders", GatewayOrder.class, Journal::checkOrder);
    }

    /** Every journaled fill, in fill order. */
    List<Fill> loadFills() throws IOException {
        return load("fills", Fill.class, Journal::checkFill);
    }

    private <T> List<T> load(String table, Class<T> type, Consumer<T> check) throws IOException {
        List<T> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq, body FROM " + table + " ORDER BY seq")) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                try {
                    T value = json.readValue(rs.getString(2), type);
                    check.accept(value);
                    out.add(value);
                } catch (IOException | IllegalArgumentException e) {
                    throw new IOException(
                            "journal "
                                    + path
                                    + ": "
                                    + table
                                    + " row "
                                    + seq
                                    + " is unreadable (changed by hand?): "
                                    + oneLine(e),
                            e);
                }
            }
        } catch (SQLException e) {
            throw new IOException("journal " + path + ": read failed: " + oneLine(e), e);
        }
        return out;
    }

    /** A journaled order obeys the bounds the API checked when it accepted it. */
    private static void checkOrder(GatewayOrder order) {
        Sizes.quantity("quantity", order.quantity());
        if (order.referencePrice() != null) {
            Sizes.price("reference_price", order.referencePrice());
        }
        if (order.filledAvgPrice() != null) {
            Sizes.price("filled_avg_price", order.filledAvgPrice());
        }
        if (order.filledQty() != 0) {
            Sizes.quantity("filled_qty", order.filledQty());
        }
        Timestamps.check("ts", order.ts());
    }

    private static void checkFill(Fill fill) {
        Sizes.quantity("quantity", fill.quantity());
        Sizes.price("price", fill.price());
        if (!Double.isFinite(fill.commission())) {
            throw new IllegalArgumentException("commission: not finite");
        }
        Timestamps.check("ts_event", fill.tsEvent());
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Texts.clip(message.replaceAll("\\s+", " "));
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
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
        } finally {
            lock.close();
        }
    }
}
