package io.battleroyale.job;

import io.battleroyale.job.cli.BattleCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C on an endless run: the command line, in its own JVM as a user starts it, drains the graph,
 * keeps a savepoint, prints the leaderboard and exits 0; also when pressed before the graph runs.
 * SIGTERM keeps a savepoint without draining, and {@code --restore latest} resumes from it.
 */
class InterruptITCase {

    @TempDir Path tmp;

    @Test
    void ctrlCStopsAnEndlessRunCleanlyAndStillPrintsTheLeaderboard() throws Exception {
        Process battle =
                battle(
                        "run",
                        "--state-backend",
                        "hashmap",
                        "--progress-every",
                        "500ms",
                        "--out",
                        tmp.resolve("out").toString());
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> err = drain(battle, true, running);
        CompletableFuture<String> out = drain(battle, false, null);
        try {
            assertThat(running.await(120, TimeUnit.SECONDS)).as("bars are flowing").isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(battle.pid())).start().waitFor();

            assertThat(battle.waitFor(120, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(battle.exitValue()).as(err.get()).isZero();
            assertThat(err.get())
                    .contains("stopping")
                    .contains("stopped by Ctrl-C")
                    .contains("savepoint:");
            assertThat(out.get()).contains("rank").contains("meta").contains("outputs:");
            assertThat(Files.readString(tmp.resolve("out/summary.json"))).contains("\"agents\"");
            assertThat(Files.readAllLines(tmp.resolve("out/equity.csv"))).hasSizeGreaterThan(1);

            // what the savepoint holds, by the graph's stable ids
            Cli inspect =
                    Cli.run(
                            "state",
                            "inspect",
                            "latest",
                            "--checkpoints",
                            tmp.resolve("out/checkpoints").toString());
            assertThat(inspect.exitCode()).as(inspect.err()).isZero();
            assertThat(inspect.out())
                    .startsWith("savepoint ")
                    .containsPattern("(?m)^agent-arena +2 +128 +yes ")
                    .containsPattern("(?m)^symbol-join +2 +128 +yes ")
                    .doesNotContain("not in this build's graph");
        } finally {
            battle.destroyForcibly();
        }
    }

    @Test
    void ctrlCWhileTheTasksAreStillBeingDeployedWaitsForThemAndStopsCleanly() throws Exception {
        // pressed the moment the job is submitted: its tasks cannot all be running yet
        Cli early =
                Cli.runUntil(
                        () -> true,
                        "run",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        tmp.resolve("early").toString());

        assertThat(early.exitCode()).as(early.err()).isZero();
        assertThat(early.err()).contains("savepoint:").doesNotContain("clean stop failed");
    }

    @Test
    void sigtermKeepsASavepointWithoutDrainingAndTheRunResumesFromIt() throws Exception {
        Path out = tmp.resolve("term");
        String[] run = {
            "run",
            "--state-backend",
            "hashmap",
            "--checkpoint-interval",
            "1s",
            "--progress-every",
            "500ms",
            "--out",
            out.toString()
        };
        Process battle = battle(run);
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> err = drain(battle, true, running);
        drain(battle, false, null);
        try {
            assertThat(running.await(120, TimeUnit.SECONDS)).as("bars are flowing").isTrue();
            new ProcessBuilder("kill", "-TERM", Long.toString(battle.pid())).start().waitFor();

            assertThat(battle.waitFor(120, TimeUnit.SECONDS)).as("stops by itself").isTrue();
            assertThat(battle.exitValue()).as(err.get()).isZero();
            assertThat(err.get())
                    .contains("stopping without draining")
                    .contains("stopped by SIGTERM without draining")
                    .contains("savepoint:");
        } finally {
            battle.destroyForcibly();
        }
        int orders = Files.readAllLines(out.resolve("orders.csv")).size();

        // resumed from that savepoint, the run goes on trading where it was
        String[] restore = java.util.Arrays.copyOf(run, run.length + 2);
        restore[run.length] = "--restore";
        restore[run.length + 1] = "latest";
        Cli resumed =
                Cli.runUntil(
                        () -> {
                            try {
                                return Files.readAllLines(out.resolve("orders.csv")).size()
                                        > orders;
                            } catch (IOException e) {
                                return false;
                            }
                        },
                        restore);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).containsPattern("restoring from .*savepoint-");
        List<String> ids =
                Files.readAllLines(out.resolve("orders.csv")).stream()
                        .skip(1)
                        .map(line -> line.split(",")[0])
                        .toList();
        assertThat(ids).hasSizeGreaterThan(orders - 1).doesNotHaveDuplicates();
    }

    /** The command line in its own JVM, as a user starts it. */
    private static Process battle(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), BattleCli.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    /** Reads one of the process's streams; counts down {@code running} at the first bars. */
    private static CompletableFuture<String> drain(
            Process process, boolean errors, CountDownLatch running) {
        return CompletableFuture.supplyAsync(
                () -> {
                    StringBuilder text = new StringBuilder();
                    try (BufferedReader reader =
                            new BufferedReader(
                                    new InputStreamReader(
                                            errors
                                                    ? process.getErrorStream()
                                                    : process.getInputStream(),
                                            StandardCharsets.UTF_8))) {
                        for (String line; (line = reader.readLine()) != null; ) {
                            text.append(line).append('\n');
                            if (running != null
                                    && line.startsWith("progress:")
                                    && !line.startsWith("progress: 0 bars")) {
                                running.countDown();
                            }
                        }
                    } catch (IOException e) {
                        text.append(e);
                    }
                    return text.toString();
                });
    }
}
