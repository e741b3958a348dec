package io.battleroyale.job.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StateCommandTest {
    @TempDir Path tmp;

    @Test
    void theGraphsIdsAndTheIdsDerivedFromThemAreKnownOthersAreNot() {
        assertThat(StateCommand.isKnown("agent-arena")).isTrue();
        assertThat(StateCommand.isKnown("shift-detection-surge")).isTrue();
        assertThat(StateCommand.isKnown("prices-source")).isTrue();
        assertThat(StateCommand.isKnown("decisions-sink: Committer")).isTrue();
        assertThat(StateCommand.isKnown("scoreboard")).isFalse();
        assertThat(StateCommand.isKnown("agent-arenas")).isFalse();
        assertThat(StateCommand.isKnown("(id 0123abcd)")).isFalse();
    }

    @Test
    void aFolderWithGarbageMetadataIsOneLineNamingTheFile() throws Exception {
        Path chk = Files.createDirectories(tmp.resolve("chk-7"));
        Files.writeString(chk.resolve("_metadata"), "not a checkpoint");
        var cli = BattleCli.commandLine();
        var err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("state", "inspect", chk.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("error: state inspect: " + chk.resolve("_metadata"))
                .contains("is not a readable Flink checkpoint")
                .doesNotContain("\n\tat ");
    }

    @Test
    void pruneOfAFolderWithoutMetadataIsOneLineAndWritesNothing() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("savepoint-x"));
        var cli = BattleCli.commandLine();
        var err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code =
                cli.execute(
                        "state",
                        "prune",
                        empty.toString(),
                        "--agent",
                        "fed",
                        "--out",
                        tmp.resolve("new").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo(
                        "error: state prune: "
                                + empty
                                + " is not a checkpoint or savepoint (no _metadata)");
        assertThat(tmp.resolve("new")).doesNotExist();
    }

    @Test
    void latestWithoutAFolderSaysWhatIsMissing() {
        var cli = BattleCli.commandLine();
        var err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertThat(cli.execute("state", "inspect", "latest")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("error: state inspect latest needs --checkpoints DIR");
    }
}
