package io.battleroyale.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static io.battleroyale.gateway.TestGateway.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A gateway that cannot start says why in one line naming the port or the journal, and leaves the
 * journal as it was.
 */
class GatewayStartupTest {
    @TempDir Path dir;

    @Test
    void aBusyPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            GatewayConfig config =
                    GatewayConfig.paper(taken.getLocalPort(), dir.resolve("j.db"), TOKEN);

            assertThatThrownBy(() -> GatewayServer.start(config))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("in use")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        // the journal it opened is released: a gateway on a free port starts on it
        try (TestGateway gw = TestGateway.paper(dir.resolve("j.db"))) {
            assertThat(gw.get("/health").code()).isEqualTo(200);
        }
    }

    @Test
    void aDirectoryAsJournalIsNamed() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));

        assertRefused(folder, "is a directory");
    }

    @Test
    void aFileThatIsNotSqliteIsNamedAndLeftAlone() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "these are my notes, not a journal\n".repeat(200));
        byte[] before = Files.readAllBytes(text);

        assertRefused(text, "not an SQLite database");
        assertThat(Files.readAllBytes(text)).isEqualTo(before);
    }

    @Test
    void aForeignSchemaIsNamed() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO customers(name) VALUES ('ada')");
        }

        assertRefused(other, "not a gateway journal");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement s = c.createStatement()) {
            assertThat(s.executeQuery("SELECT count(*) FROM sqlite_master").getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aTamperedRowIsNamedWithItsSequenceNumber() throws Exception {
        Path journal = dir.resolve("j.db");
        try (TestGateway gw = TestGateway.paper(journal)) {
            assertThat(gw.post("/v1/orders", TestGateway.order("t-1", "BUY", 1, 100)).code())
                    .isEqualTo(201);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
                Statement s = c.createStatement()) {
            s.execute("UPDATE orders SET body = '{\"client_order_id\": broken' WHERE seq = 1");
        }

        assertRefused(journal, "orders row 1");
    }

    @Test
    void aTamperedRowWithAnOverflowingQuantityIsRefused() throws Exception {
        Path journal = dir.resolve("j.db");
        try (TestGateway gw = TestGateway.paper(journal)) {
            assertThat(gw.post("/v1/orders", TestGateway.order("t-1", "BUY", 1, 100)).code())
                    .isEqualTo(201);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
                Statement s = c.createStatement()) {
            s.execute(
                    "UPDATE fills SET body = replace(body, '\"quantity\":1.0',"
                            + " '\"quantity\":1e308') WHERE seq = 1");
        }

        assertRefused(journal, "fills row 1");
    }

    @Test
    void aSecondGatewayOnTheSameJournalRefusesToStart() throws Exception {
        Path journal = dir.resolve("shared.db");
        try (TestGateway first = TestGateway.paper(journal)) {
            assertRefused(journal, "in use by another gateway");
            assertThat(first.post("/v1/orders", TestGateway.order("o-1", "BUY", 1, 100)).code())
                    .isEqualTo(201);
        }
        // released on close
        try (TestGateway again = TestGateway.paper(journal)) {
            assertThat(again.get("/v1/orders/o-1").code()).isEqualTo(200);
        }
    }

    private void assertRefused(Path journal, String reason) {
        assertThatThrownBy(() -> GatewayServer.start(GatewayConfig.paper(0, journal, TOKEN)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(journal.getFileName().toString())
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
