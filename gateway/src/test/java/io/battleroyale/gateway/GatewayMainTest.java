package io.battleroyale.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's own command line refuses what it cannot serve with one line and exit 2 or 1. */
class GatewayMainTest {
    @TempDir Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GatewayMain.commandLine();
        ((GatewayMain) cli.getCommand()).env = env;
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path tokenFile() throws Exception {
        return Files.writeString(dir.resolve("token"), "t0ken-from-a-file\n");
    }

    private static void assertOneLineError(Run run, int exitCode, String naming) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        assertThat(run.err())
                .startsWith("error: ")
                .contains(naming)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void withoutATokenItRefusesToStart() {
        Run run = run(Map.of(), "--port", "0", "--journal", dir.resolve("j.db").toString());

        assertOneLineError(run, 2, "the gateway needs a token");
        assertThat(dir.resolve("j.db")).doesNotExist();
    }

    @Test
    void aBusyPortIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run =
                    run(
                            Map.of(),
                            "--port",
                            String.valueOf(taken.getLocalPort()),
                            "--journal",
                            dir.resolve("j.db").toString(),
                            "--token-file",
                            tokenFile().toString());

            assertOneLineError(run, 1, "port " + taken.getLocalPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NaN", "Infinity", "-5"})
    void aLimitThatIsNotAFinitePositiveNumberIsRefused(String value) throws Exception {
        Run run =
                run(
                        Map.of(),
                        "--port",
                        "0",
                        "--journal",
                        dir.resolve("j.db").toString(),
                        "--token-file",
                        tokenFile().toString(),
                        "--max-position",
                        value);

        assertOneLineError(run, 2, "--max-position");
    }

    @Test
    void theTokenIsNeverAnArgument() {
        Run run = run(Map.of(), "--token", "s3cret", "--journal", dir.resolve("j.db").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--token");
        assertThat(GatewayMain.commandLine().getUsageMessage())
                .contains("--token-file")
                .contains("BATTLE_GATEWAY_TOKEN");
    }
}
