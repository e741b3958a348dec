package io.battleroyale.functions.agents;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One script agent's JavaScript context, with no host access (no Java classes, files, network,
 * threads, processes, environment or other languages) and three budgets per call: statements
 * (GraalJS resource limit), CPU time (with the wall clock as a backstop) and bytes allocated by the
 * calling thread. Community GraalJS has no heap limit, so a watchdog thread reads the thread's
 * allocation counter every few milliseconds and cancels the context once a call allocates more than
 * its budget (or runs too long). A cancelled or failed context is not used again: its agent is
 * disqualified.
 *
 * <p>Only strings cross into the guest (the inputs as JSON, parsed and frozen afresh per call by
 * the prelude) and only primitives come back.
 */
final class ScriptSandbox implements AutoCloseable {

    /** The budgets of one call; loading the file gets the same ones. */
    record Limits(long statements, long wallMillis, long allocBytes) {}

    /** Why a script may not go on: the disqualification reason. */
    static final class Disqualified extends Exception {
        private static final long serialVersionUID = 1L;

        Disqualified(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What one call returned: no signal ({@code kind} "none") or the raw fields of a signal. */
    record Answer(
            String kind,
            @Nullable Object action,
            @Nullable Object confidence,
            @Nullable Object size,
            @Nullable Object reason,
            String store) {}

    private static final String PRELUDE = resource("script-prelude.js");
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long WATCH_EVERY_MS = 2;
    private static final long LOAD_MILLIS = 10_000;
    private static final long WALL_FACTOR = 20;
    private static final long LOAD_BYTES = 512L << 20;
    private static final Map<ScriptSandbox, Boolean> ACTIVE = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCHDOG =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "script-agent-watchdog");
                        t.setDaemon(true);
                        return t;
                    });

    static {
        // plain OpenJDK cannot load Truffle's attach library: it runs interpreted anyway, so the
        // multi-line warning about it on every run says nothing the docs do not
        if (System.getProperty("polyglotimpl.AttachLibraryFailureAction") == null) {
            System.setProperty("polyglotimpl.AttachLibraryFailureAction", "ignore");
        }
        WATCHDOG.scheduleAtFixedRate(
                () -> ACTIVE.keySet().forEach(ScriptSandbox::watch),
                WATCH_EVERY_MS,
                WATCH_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    private final Limits limits;
    private final Context context;
    private final Value entry;

    // the call being watched: set by the calling thread, read by the watchdog
    private volatile long threadId;
    private volatile long startNanos;
    private volatile long startCpuNanos;
    private volatile long startBytes;
    private boolean warm;
    private volatile long budgetMillis;
    private volatile long budgetBytes;
    @Nullable private volatile String cancelled;

    /** Creates the context and runs the prelude and the agent's file under the call budgets. */
    ScriptSandbox(String fileName, String source, Limits limits) throws Disqualified {
        this.limits = limits;
        this.context =
                Context.newBuilder("js")
                        .sandbox(SandboxPolicy.CONSTRAINED)
                        // nothing of the host is reachable: no members, no mappings
                        .allowHostAccess(
                                HostAccess.newBuilder().allowMutableTargetMappings().build())
                        .allowHostClassLookup(className -> false)
                        .allowHostClassLoading(false)
                        .allowIO(IOAccess.NONE)
                        .allowCreateThread(false)
                        .allowCreateProcess(false)
                        .allowNativeAccess(false)
                        .allowEnvironmentAccess(EnvironmentAccess.NONE)
                        .allowPolyglotAccess(PolyglotAccess.NONE)
                        .allowExperimentalOptions(false)
                        .out(OutputStream.nullOutputStream())
                        .err(OutputStream.nullOutputStream())
                        .logHandler(OutputStream.nullOutputStream())
                        .option("engine.WarnInterpreterOnly", "false")
                        .option("js.load", "false")
                        .option("js.print", "false")
                        .option("js.console", "false")
                        .option("js.graal-builtin", "false")
                        .resourceLimits(
                                ResourceLimits.newBuilder()
                                        .statementLimit(limits.statements(), null)
                                        .build())
                        .build();
        Value prelude;
        try {
            // loading also starts the engine in this thread: its time and allocations are the
            // host's, so only the statement budget and generous load budgets apply
            prelude =
                    guarded(
                            () -> context.eval(Source.create("js", PRELUDE)),
                            LOAD_MILLIS,
                            LOAD_BYTES);
            guarded(
                    () -> context.eval(Source.newBuilder("js", source, fileName).buildLiteral()),
                    LOAD_MILLIS,
                    LOAD_BYTES);
        } catch (Disqualified d) {
            close();
            throw d;
        }
        this.entry = prelude;
    }

    /** Calls {@code generateSignal} with the inputs as JSON and the store as JSON. */
    Answer call(String marketJson, String eventJson, String storeJson) throws Disqualified {
        // the first call runs cold code (Truffle builds its nodes on first execution): it gets the
        // load budgets of time and bytes, and only the statement budget is the agent's own
        boolean first = !warm;
        warm = true;
        Value out =
                guarded(
                        () -> entry.execute(marketJson, eventJson, storeJson),
                        first ? LOAD_MILLIS : limits.wallMillis(),
                        first ? LOAD_BYTES : limits.allocBytes());
        String kind = out.getArrayElement(0).asString();
        if (kind.equals("bad")) {
            throw new Disqualified(out.getArrayElement(1).asString());
        }
        return new Answer(
                kind,
                primitive(out.getArrayElement(1)),
                primitive(out.getArrayElement(2)),
                primitive(out.getArrayElement(3)),
                primitive(out.getArrayElement(4)),
                out.getArrayElement(5).asString());
    }

    private interface GuestCall {
        Value run();
    }

    /** Runs guest code under the budgets, turning any failure into a disqualification. */
    private Value guarded(GuestCall call, long wallMillis, long allocBytes) throws Disqualified {
        context.resetLimits();
        budgetMillis = wallMillis;
        budgetBytes = allocBytes;
        threadId = Thread.currentThread().getId();
        startBytes = THREADS.getThreadAllocatedBytes(threadId);
        startCpuNanos = THREADS.getThreadCpuTime(threadId);
        startNanos = System.nanoTime();
        ACTIVE.put(this, Boolean.TRUE);
        try {
            return call.run();
        } catch (PolyglotException e) {
            if (cancelled != null) {
                throw new Disqualified(cancelled);
            }
            if (e.isResourceExhausted()) {
                throw new Disqualified(
                        "ran more than " + limits.statements() + " statements in one call");
            }
            if (e.isGuestException()) {
                throw new Disqualified("threw " + Texts.line(e.getMessage()));
            }
            throw new Disqualified("failed: " + Texts.line(e.getMessage()));
        } catch (OutOfMemoryError e) {
            // one allocation too big for the heap: it never happened, and the agent is out
            throw new Disqualified("ran out of memory in one allocation");
        } catch (RuntimeException e) {
            throw new Disqualified(
                    cancelled != null ? cancelled : "failed: " + Texts.line(e.toString()));
        } finally {
            ACTIVE.remove(this);
        }
    }

    /** The watchdog's check of a running call. */
    private void watch() {
        if (cancelled != null) {
            return;
        }
        // CPU time, not wall time: a busy machine or a GC pause must not disqualify an agent;
        // the wall clock only catches a call that waits (WALL_FACTOR times the CPU budget)
        long cpuMillis = (THREADS.getThreadCpuTime(threadId) - startCpuNanos) / 1_000_000;
        long wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
        long bytes = THREADS.getThreadAllocatedBytes(threadId) - startBytes;
        if (cpuMillis > budgetMillis) {
            cancel("used more than " + budgetMillis + " ms of CPU in one call");
        } else if (wallMillis > WALL_FACTOR * budgetMillis) {
            cancel(
                    "took longer than "
                            + WALL_FACTOR * budgetMillis
                            + " ms (wall clock) in one call");
        } else if (bytes > budgetBytes) {
            cancel(
                    String.format(
                            Locale.ROOT,
                            "allocated more than %d MB in one call",
                            budgetBytes >> 20));
        }
    }

    private void cancel(String reason) {
        cancelled = reason;
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // cancelling rethrows the guest's cancellation: expected
        }
    }

    @Nullable
    private static Object primitive(Value v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isNumber() && v.fitsInDouble()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return new Object(); // an object or array where a primitive belongs: rejected by type
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            // a context cancelled by a limit rethrows that limit's exception on close
        }
    }

    private static String resource(String name) {
        try (InputStream in = ScriptSandbox.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Messages on one short line, as a disqualification reason is printed. */
    static final class Texts {
        private Texts() {}

        static String line(@Nullable String message) {
            String m = message == null ? "" : message.replaceAll("\\s+", " ").trim();
            return m.length() > 160 ? m.substring(0, 157) + "..." : m;
        }
    }
}
