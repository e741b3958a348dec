package io.battleroyale.job;

import io.battleroyale.job.cli.BattleCli;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs the {@code battle} command line in-process, capturing what it prints. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BattleCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /**
     * Runs an endless command and presses Ctrl-C (as the signal handler would) as soon as {@code
     * ready} holds and the run listens for it; the run's result once it stopped.
     */
    public static Cli runUntil(BooleanSupplier ready, String... args) throws Exception {
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> run(args));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!ready.getAsBoolean() || !Interrupts.interrupt()) {
            if (run.isDone() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the run ended, or was not ready in 2 minutes: " + run.get().err());
            }
            Thread.onSpinWait();
        }
        return run.get(2, TimeUnit.MINUTES);
    }
}
