package io.battleroyale.job;

import io.battleroyale.job.cli.BattleCli;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the real console (System.out, System.err) and the launcher's log files show. */
class ConsoleTest {

    @TempDir Path tmp;

    /** Runs the command line as {@code main} does, on the real System.out and System.err. */
    private static String[] console(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, false, StandardCharsets.UTF_8));
            int code = BattleCli.run(args);
            return new String[] {
                String.valueOf(code),
                outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8)
            };
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void agentsPrintsTheCatalogueOnTheRealConsole() {
        String[] result = console("agents");

        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("trend").contains("meanrev").contains("slow=");
    }

    @Test
    void helpPrintsNoPicocliWarnings() {
        for (String command : new String[] {"run", "backtest"}) {
            String[] result = console(command, "--help");

            assertThat(result[0]).isEqualTo("0");
            assertThat(result[1]).contains("price_band=5%");
            assertThat(result[2]).doesNotContain("WARN");
        }
    }

    @Test
    void topLevelHelpSaysWhereTheLogIs() {
        String[] result = console("--help");

        assertThat(result[1]).contains("battle-<command>.log");
    }

    @Test
    void eachCommandHasItsOwnLogAndNoneTruncatesAnother() throws Exception {
        Path config = Path.of("..", "flink-conf", "log4j-cli.properties").toAbsolutePath();
        System.setProperty("battle.log.dir", tmp.toString());
        try {
            log(config, "gateway", "the gateway's first line");
            log(config, "backtest", "a backtest next to it");
            log(config, "gateway", "the gateway's second line");
        } finally {
            System.clearProperty("battle.log.dir");
            System.clearProperty("battle.command");
        }

        String gateway = Files.readString(tmp.resolve("battle-gateway.log"));
        assertThat(gateway)
                .contains("the gateway's first line")
                .contains("the gateway's second line")
                .doesNotContain("backtest");
        assertThat(Files.readString(tmp.resolve("battle-backtest.log")))
                .contains("a backtest next to it");
        assertThat(gateway).contains("pid " + ProcessHandle.current().pid());
    }

    private static void log(Path config, String command, String line) {
        System.setProperty("battle.command", command);
        LoggerContext context = new LoggerContext("cli-" + command);
        context.start(
                ConfigurationFactory.getInstance()
                        .getConfiguration(context, "cli", config.toUri()));
        Logger log = context.getLogger("io.battleroyale.test");
        log.warn(line);
        context.stop();
    }
}
