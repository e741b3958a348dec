package io.battleroyale.functions.agents;

import io.battleroyale.model.EventReading;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's agent written in JavaScript ({@code script:file=PATH,name=N}): the file defines {@code
 * generateSignal(marketData, eventData)}, run in a {@link ScriptSandbox} per task. docs/agents.md
 * ("Script agents") documents the inputs, the helpers, the {@code store} and the limits.
 *
 * <p>A call that throws, exceeds a limit or returns anything but {@code null} or {@code {action,
 * confidence, size, reason}} disqualifies the agent: from then on it signals nothing, on this
 * symbol (remembered in its state, so across restores) and on every other symbol of the task.
 */
public final class ScriptAgent implements Agent<ScriptAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String KIND = "script";

    /** The longest store, as JSON: the agent's keyed state stays small. */
    public static final int MAX_STORE_CHARS = 64 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String name;
    private final String fileName;
    private final String source;
    private final ScriptSandbox.Limits limits;

    private transient ScriptSandbox sandbox;
    @Nullable private transient String disqualified;

    /**
     * Per-symbol memory: the agent's {@code store} as JSON, and why it was disqualified (null while
     * it competes). A Flink POJO.
     */
    public static class State {
        public String store = "{}";
        public String disqualified;

        public State() {}
    }

    /**
     * @param statements statement budget of one call
     * @param wallMillis wall-time budget of one call
     * @param allocBytes allocation budget of one call
     */
    public ScriptAgent(
            String name,
            String fileName,
            String source,
            long statements,
            long wallMillis,
            long allocBytes) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "agent 'script': name="
                            + name
                            + " is not valid, expected 1 to 32 letters, digits, '_' or '-'");
        }
        this.name = name;
        this.fileName = fileName;
        this.source = source;
        this.limits = new ScriptSandbox.Limits(statements, wallMillis, allocBytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public State initialState() {
        return new State();
    }

    @Override
    @Nullable
    public String disqualified() {
        return disqualified;
    }

    /**
     * Loads the file in a sandbox of its own, as a run would.
     *
     * @throws IllegalArgumentException with the reason it would be disqualified at load time
     */
    public void check() {
        try (ScriptSandbox s = new ScriptSandbox(fileName, source, limits)) {
            // loaded: syntax and top-level code are fine
        } catch (ScriptSandbox.Disqualified d) {
            throw new IllegalArgumentException(
                    "agent '" + name + "' (" + fileName + "): " + d.getMessage());
        }
    }

    @Override
    public Optional<Signal> generateSignal(MarketSnapshot snapshot, State state) {
        if (disqualified == null && state.disqualified != null) {
            disqualified = state.disqualified; // restored state of a disqualified agent
        }
        if (disqualified != null) {
            state.disqualified = disqualified;
            return Optional.empty();
        }
        try {
            if (sandbox == null) {
                sandbox = new ScriptSandbox(fileName, source, limits);
            }
            ScriptSandbox.Answer a =
                    sandbox.call(marketData(snapshot), eventData(snapshot), state.store);
            if (a.store().length() > MAX_STORE_CHARS) {
                throw new ScriptSandbox.Disqualified(
                        "store grew past " + MAX_STORE_CHARS + " characters of JSON");
            }
            state.store = a.store();
            return a.kind().equals("none") ? Optional.empty() : signal(snapshot, a);
        } catch (ScriptSandbox.Disqualified d) {
            disqualified = d.getMessage();
            state.disqualified = disqualified;
            if (sandbox != null) {
                sandbox.close();
                sandbox = null;
            }
            return Optional.empty();
        }
    }

    private Optional<Signal> signal(MarketSnapshot snapshot, ScriptSandbox.Answer a)
            throws ScriptSandbox.Disqualified {
        if (!(a.action() instanceof String action)
                || !(action.equals("BUY") || action.equals("SELL") || action.equals("HOLD"))) {
            throw new ScriptSandbox.Disqualified(
                    "returned action " + shown(a.action()) + ", expected BUY, SELL or HOLD");
        }
        if (!(a.confidence() instanceof Double confidence)
                || !(confidence >= 0 && confidence <= 1)) {
            throw new ScriptSandbox.Disqualified(
                    "returned confidence "
                            + shown(a.confidence())
                            + ", expected a number in [0, 1]");
        }
        if (a.size() != null && (!(a.size() instanceof Double size) || !(size > 0 && size <= 1))) {
            throw new ScriptSandbox.Disqualified(
                    "returned size " + shown(a.size()) + ", expected a number in (0, 1] or null");
        }
        if (a.reason() != null && !(a.reason() instanceof String)) {
            throw new ScriptSandbox.Disqualified(
                    "returned reason " + shown(a.reason()) + ", expected a string or null");
        }
        if (action.equals("HOLD")) {
            return Optional.empty();
        }
        Side side = Side.valueOf(action);
        String reason = a.reason() == null ? "" : ScriptSandbox.Texts.line((String) a.reason());
        double score = side.sign() * confidence;
        return Optional.of(
                Signals.of(
                        name,
                        snapshot,
                        side,
                        confidence,
                        reason.isEmpty() ? name + " says " + action : reason,
                        Signals.attribution("script", score),
                        score,
                        0.0));
    }

    private static String shown(@Nullable Object value) {
        if (value == null) {
            return "null (or missing, or NaN)";
        }
        return value instanceof String s
                ? "'" + ScriptSandbox.Texts.line(s) + "'"
                : "a " + kindOf(value);
    }

    private static String kindOf(Object value) {
        return value instanceof Double
                ? "number " + value
                : value instanceof Boolean ? "boolean" : "object";
    }

    /** The seed API's {@code market_data}: the closed bar. */
    static String marketData(MarketSnapshot snapshot) {
        PriceBar b = snapshot.bar();
        StringBuilder json = new StringBuilder(160);
        json.append("{\"symbol\":");
        string(json, snapshot.symbol());
        json.append(",\"ts\":").append(b.tsEvent());
        json.append(",\"end\":").append(b.endTs());
        json.append(",\"bar\":").append(snapshot.barIndex());
        field(json, "open", b.open());
        field(json, "high", b.high());
        field(json, "low", b.low());
        field(json, "close", b.close());
        field(json, "volume", b.volume());
        return json.append('}').toString();
    }

    /** The seed API's {@code event_data}: event key to reading, and {@code shifts}. */
    static String eventData(MarketSnapshot snapshot) {
        StringBuilder json = new StringBuilder(64 + 200 * snapshot.events().size());
        json.append('{');
        for (EventReading e : snapshot.events()) {
            string(json, e.eventKey());
            json.append(":{\"yes_probability\":").append(number(e.probability()));
            json.append(",\"source\":");
            string(json, e.venue());
            json.append(",\"observed_at\":").append(e.tsObserved());
            json.append(",\"group\":");
            string(json, e.group());
            field(json, "probability_before", e.probabilityBefore());
            field(json, "sensitivity", e.sensitivity());
            json.append("},");
        }
        json.append("\"shifts\":[");
        String sep = "";
        for (ProbabilityShift s : snapshot.shifts()) {
            json.append(sep).append("{\"event\":");
            string(json, s.eventKey());
            json.append(",\"kind\":");
            string(json, s.kind().name());
            field(json, "from", s.from());
            field(json, "to", s.to());
            json.append(",\"start\":").append(s.startTs());
            json.append(",\"end\":").append(s.endTs());
            json.append(",\"source\":");
            string(json, s.venue());
            json.append('}');
            sep = ",";
        }
        return json.append("]}").toString();
    }

    private static void field(StringBuilder json, String key, double value) {
        json.append(",\"").append(key).append("\":").append(number(value));
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : Double.toString(v);
    }

    private static void string(StringBuilder json, @Nullable String s) {
        if (s == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
