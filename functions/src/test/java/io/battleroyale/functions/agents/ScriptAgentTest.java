package io.battleroyale.functions.agents;

import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Script agents: the API works, and every escape or abuse ends in a disqualification. */
class ScriptAgentTest {

    @TempDir Path dir;

    private ScriptAgent agent(String name, String js, String extra) throws IOException {
        Path file = dir.resolve(name + ".js");
        Files.writeString(file, js);
        AgentSpec spec = AgentSpecs.parse("script:file=" + file + extra).get(0);
        return (ScriptAgent) AgentCatalog.create(spec);
    }

    private ScriptAgent agent(String name, String js) throws IOException {
        return agent(name, js, "");
    }

    private static MarketSnapshot bar(long i, double close) {
        return new MarketSnapshot(
                "SPY",
                i,
                new PriceBar("SPY", i * 60_000, 60_000, close, close + 1, close - 1, close, 1000),
                List.of(),
                List.of());
    }

    /** Runs the agent over {@code n} bars of a zig-zag, returning the signals. */
    private static List<Signal> run(ScriptAgent agent, ScriptAgent.State state, int n) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double close = 100 + 10 * Math.sin(i / 5.0);
            agent.generateSignal(bar(i, close), state).ifPresent(out::add);
        }
        return out;
    }

    private String disqualifiedFor(String js) throws IOException {
        ScriptAgent a = agent("hostile", js);
        ScriptAgent.State state = a.initialState();
        List<Signal> signals = run(a, state, 3);
        assertThat(signals).isEmpty();
        assertThat(state.disqualified).isEqualTo(a.disqualified());
        return a.disqualified();
    }

    private static String wrap(String body) {
        return "function generateSignal(m, e) { " + body + " }";
    }

    /**
     * An agent that behaves on its first (cold, loosely budgeted) call and then runs {@code body}.
     */
    private static String second(String body) {
        return wrap("if (!store.warm) { store.warm = true; return null; } " + body);
    }

    @Test
    void smaCrossoverTradesAndTheStoreKeepsItsCounter() throws IOException {
        ScriptAgent a = agent("sma", Files.readString(Path.of("../docs/examples/sma.js")));
        ScriptAgent.State state = a.initialState();
        List<Signal> signals = run(a, state, 120);
        assertThat(a.disqualified()).isNull();
        assertThat(signals).extracting(Signal::side).contains(Side.BUY, Side.SELL);
        assertThat(signals).allSatisfy(s -> assertThat(s.agent()).isEqualTo("sma"));
        assertThat(signals.get(0).rationale()).contains("SMA");
        assertThat(state.store).contains("\"bars\":120");
    }

    @Test
    void theStoreSurvivesAsJsonInTheState() throws IOException {
        String js = wrap("store.n = (store.n || 0) + 1; return null;");
        ScriptAgent first = agent("counter", js);
        ScriptAgent.State state = first.initialState();
        run(first, state, 5);
        // a fresh agent instance (as after a restore) continues from the state's JSON
        ScriptAgent restored = agent("counter", js);
        run(restored, state, 2);
        assertThat(state.store).isEqualTo("{\"n\":7}");
    }

    @Test
    void inputsAreFrozenAndFreshOnEveryCall() throws IOException {
        String js =
                wrap(
                        "'use strict'; store.seen = (store.seen || []).concat([m.close]);"
                                + " try { m.close = -1; } catch (x) { store.frozen = true; }"
                                + " Object.prototype.close = -5; return null;");
        ScriptAgent a = agent("tamper", js);
        ScriptAgent.State state = a.initialState();
        a.generateSignal(bar(0, 100), state);
        a.generateSignal(bar(1, 101), state);
        assertThat(a.disqualified()).isNull();
        assertThat(state.store).isEqualTo("{\"seen\":[100,101],\"frozen\":true}");
        // another agent's context never sees the prototype change
        ScriptAgent other =
                agent("other", wrap("store.c = ({}).close === undefined; return null;"));
        ScriptAgent.State s2 = other.initialState();
        other.generateSignal(bar(0, 100), s2);
        assertThat(s2.store).isEqualTo("{\"c\":true}");
    }

    @Test
    void hostAccessIsDenied() throws IOException {
        assertThat(disqualifiedFor(wrap("Java.type('java.lang.System').exit(1);")))
                .contains("threw")
                .contains("host class java.lang.System is not allowed");
        assertThat(disqualifiedFor(wrap("Polyglot.eval('js', '1');"))).contains("Polyglot");
        assertThat(disqualifiedFor(wrap("load('/etc/passwd');"))).contains("load");
        assertThat(disqualifiedFor(wrap("require('fs');"))).contains("require");
        assertThat(disqualifiedFor(wrap("process.exit(1);"))).contains("process");
        assertThat(disqualifiedFor(wrap("return {action: String(Graal.versionJS)};")))
                .contains("Graal");
        assertThat(disqualifiedFor(wrap("fetch('http://127.0.0.1/');"))).contains("fetch");
        assertThat(disqualifiedFor(wrap("new XMLHttpRequest();"))).contains("XMLHttpRequest");
        assertThat(disqualifiedFor(wrap("readFile('/etc/passwd');"))).contains("readFile");
        assertThat(disqualifiedFor(wrap("return {action: String(Object.keys(this))};")))
                .doesNotContain("java");
    }

    @Test
    void limitsDisqualify() throws IOException {
        assertThat(disqualifiedFor(wrap("while (true) {}"))).contains("statements");
        assertThat(disqualifiedFor(wrap("const a = []; for (;;) { a.push(new Array(1000)); }")))
                .containsAnyOf("allocated more than 32 MB", "statements", "of CPU");
    }

    @Test
    void hugeAllocationsAreStoppedByTheAllocationBudget() throws IOException {
        // time and statements are plenty here: only the allocation watchdog (or the heap) stops
        // them
        for (String js :
                List.of(
                        "new Array(1e9).fill(0); return null;",
                        "const s = 'x'.repeat(1 << 29); return {action: s};",
                        "const b = new Float64Array(1e8); return null;")) {
            ScriptAgent a =
                    agent("huge", second(js), ",statements=10000000,millis=10000,alloc_mb=32");
            ScriptAgent.State state = a.initialState();
            run(a, state, 2);
            assertThat(a.disqualified())
                    .as(js)
                    .isIn(
                            "allocated more than 32 MB in one call",
                            "ran out of memory in one allocation");
        }
    }

    @Test
    void aGrowingAllocationIsStoppedByTheAllocationBudget() throws IOException {
        // statements are plenty here: only the allocation watchdog can stop it
        ScriptAgent a =
                agent(
                        "grow",
                        second("const a = []; for (let i = 0; i < 1e9; i++) { a.push('x' + i); }"),
                        ",statements=10000000,millis=10000,alloc_mb=16");
        ScriptAgent.State state = a.initialState();
        run(a, state, 2);
        assertThat(a.disqualified()).isEqualTo("allocated more than 16 MB in one call");
    }

    @Test
    void aSlowAgentIsStoppedByTheTimeBudget() throws IOException {
        ScriptAgent a =
                agent(
                        "slow",
                        second(
                                "const t = Date.now(); while (Date.now() - t < 5000) {} return null;"),
                        ",statements=10000000,millis=50");
        ScriptAgent.State state = a.initialState();
        run(a, state, 2);
        assertThat(a.disqualified()).isEqualTo("used more than 50 ms of CPU in one call");
    }

    @Test
    void anAgentCannotBlockItsThread() throws IOException {
        // the one blocking call JavaScript has is refused on the task's thread, so CPU time
        // bounds a call; the wall clock (20x the budget) is only a backstop
        assertThat(
                        disqualifiedFor(
                                wrap(
                                        "Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);")))
                .isEqualTo("threw TypeError: Unsupported operation");
    }

    @Test
    void garbageAnswersDisqualify() throws IOException {
        assertThat(disqualifiedFor(wrap("return 42;"))).contains("not an object or null");
        assertThat(disqualifiedFor(wrap("return function () {};")))
                .isEqualTo("returned a function, not a JSON value");
        assertThat(disqualifiedFor(wrap("return {action: 'BUY', confidence: NaN};")))
                .startsWith("returned confidence null");
        assertThat(disqualifiedFor(wrap("return {action: 'YOLO', confidence: 1};")))
                .isEqualTo("returned action 'YOLO', expected BUY, SELL or HOLD");
        assertThat(disqualifiedFor(wrap("return {action: 'BUY', confidence: 2};")))
                .contains("expected a number in [0, 1]");
        assertThat(disqualifiedFor(wrap("return {action: 'BUY', confidence: 1, size: -1};")))
                .contains("size");
        assertThat(disqualifiedFor(wrap("return {action: 'BUY', confidence: 1n};")))
                .contains("BigInt");
        assertThat(disqualifiedFor(wrap("const o = {}; o.o = o; return o;"))).contains("circular");
        assertThat(disqualifiedFor(wrap("throw new Error('boom');")))
                .isEqualTo("threw Error: boom");
        assertThat(disqualifiedFor("var x = 1;")).contains("no function generateSignal");
    }

    @Test
    void aDisqualifiedStateStaysDisqualified() throws IOException {
        ScriptAgent a = agent("ok", wrap("return {action: 'BUY', confidence: 0.5};"));
        ScriptAgent.State state = a.initialState();
        state.disqualified = "threw Error: boom";
        assertThat(a.generateSignal(bar(0, 100), state)).isEqualTo(Optional.empty());
        assertThat(a.disqualified()).isEqualTo("threw Error: boom");
    }

    @Test
    void badFilesFailAtTheCommandLine() throws IOException {
        Path broken = dir.resolve("broken.js");
        Files.writeString(broken, "function generateSignal(m, e) {");
        assertThatThrownBy(() -> AgentSpecs.parse("script:file=" + broken))
                .hasMessageStartingWith("agent 'broken' (" + broken + "): threw SyntaxError");
        assertThatThrownBy(() -> AgentSpecs.parse("script:file=" + dir.resolve("none.js")))
                .hasMessageContaining("cannot read file=");
        assertThatThrownBy(() -> AgentSpecs.parse("script:name=x"))
                .hasMessage("agent 'script' needs file=PATH of a .js file");
        Path ok = dir.resolve("a.js");
        Files.writeString(ok, wrap("return null;"));
        assertThat(AgentSpecs.parse("script:file=" + ok + ";script:file=" + ok + ",name=b;trend"))
                .extracting(AgentSpec::agentName)
                .containsExactly("a", "b", "trend");
        assertThatThrownBy(() -> AgentSpecs.parse("script:file=" + ok + ";script:file=" + ok))
                .hasMessage("agent 'a' is listed twice; each agent may appear once");
    }
}
