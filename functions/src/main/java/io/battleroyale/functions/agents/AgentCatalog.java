package io.battleroyale.functions.agents;

import io.battleroyale.functions.agents.ParamSpec.Type;
import io.battleroyale.functions.meta.RegimeClassifier;
import io.battleroyale.functions.meta.ThompsonMetaAgent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of built-in agent kinds: their parameters with defaults and descriptions (for {@code
 * --help} and error messages) and the factories that build them from an {@link AgentSpec}. Every
 * kind also accepts {@code short} (boolean, default false): whether its sleeves may go short, used
 * by the book.
 */
public final class AgentCatalog {

    /** The parameter every agent accepts. */
    public static final String SHORT = "short";

    private static final ParamSpec SHORT_PARAM =
            ParamSpec.of(SHORT, Type.BOOLEAN, "false", "SELL opens a short instead of going flat");

    private static final List<AgentKind> KINDS =
            List.of(
                    new AgentKind(
                            TrendAgent.NAME,
                            "trend follower: BUY when SMA(fast) crosses above SMA(slow), SELL"
                                    + " when below",
                            false,
                            List.of(
                                    ParamSpec.window("fast", "10", "fast SMA length in bars"),
                                    ParamSpec.window("slow", "30", "slow SMA length in bars"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            MeanReversionAgent.NAME,
                            "mean reversion: BUY oversold, SELL overbought (Wilder RSI or"
                                    + " z-score)",
                            false,
                            List.of(
                                    ParamSpec.choice("mode", "rsi", "oscillator", "rsi", "zscore"),
                                    ParamSpec.window("period", "14", "RSI period in bars"),
                                    ParamSpec.of("lower", Type.DOUBLE, "30", "RSI below this: BUY"),
                                    ParamSpec.of(
                                            "upper", Type.DOUBLE, "70", "RSI above this: SELL"),
                                    ParamSpec.window("window", "20", "z-score window in bars"),
                                    ParamSpec.of(
                                            "entry_z",
                                            Type.DOUBLE,
                                            "2.0",
                                            "z <= -entry_z: BUY, z >= entry_z: SELL"),
                                    ParamSpec.of(
                                            "exit_z",
                                            Type.DOUBLE,
                                            "0.0",
                                            "after a BUY, SELL once z recovers to >= exit_z"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            EventDrivenAgent.NAME,
                            "event-driven: trades prediction-market probability shifts and a"
                                    + " likely Fed move",
                            false,
                            List.of(
                                    ParamSpec.range(
                                            "fed_threshold",
                                            Type.DOUBLE,
                                            "0.7",
                                            0,
                                            1,
                                            "probability of the group's event that triggers a"
                                                    + " trade"),
                                    ParamSpec.range(
                                            "shift_threshold",
                                            Type.DOUBLE,
                                            "0.15",
                                            0,
                                            1,
                                            "size of a SURGE/DROP probability shift (within"
                                                    + " the shift window) that triggers a trade"),
                                    ParamSpec.of(
                                            "group",
                                            Type.STRING,
                                            "fed_hike",
                                            "event group watched for the probability level"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            FedWatcherAgent.NAME,
                            "Fed watcher: trades when the hike-minus-cut score of Fed probability"
                                    + " shifts crosses a threshold",
                            false,
                            List.of(
                                    ParamSpec.of(
                                            "threshold",
                                            Type.DOUBLE,
                                            "0.05",
                                            "hawkishness score that triggers a trade"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            ScriptAgent.KIND,
                            "a JavaScript agent: generateSignal(marketData, eventData) in a"
                                    + " sandbox (docs/agents.md, Script agents)",
                            false,
                            List.of(
                                    ParamSpec.of("file", Type.STRING, "", "the agent's .js file"),
                                    ParamSpec.of(
                                            "name",
                                            Type.STRING,
                                            "",
                                            "its name on the leaderboard (default: the file"
                                                    + " name without .js)"),
                                    ParamSpec.range(
                                            "statements",
                                            Type.INT,
                                            "100000",
                                            1000,
                                            10_000_000,
                                            "statements one call may run"),
                                    ParamSpec.range(
                                            "millis",
                                            Type.INT,
                                            "250",
                                            1,
                                            10_000,
                                            "CPU milliseconds one call may use (and 20x that in wall time)"),
                                    ParamSpec.range(
                                            "alloc_mb",
                                            Type.INT,
                                            "32",
                                            1,
                                            512,
                                            "megabytes one call may allocate"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            ThompsonMetaAgent.NAME,
                            "meta-agent: Thompson sampling per regime (calm/volatile x"
                                    + " quiet/event) over the other agents' signals",
                            true,
                            List.of(
                                    ParamSpec.range(
                                            "seed",
                                            Type.INT,
                                            "42",
                                            Integer.MIN_VALUE,
                                            Integer.MAX_VALUE,
                                            "seed of the posterior draws (with symbol and bar"
                                                    + " time)"),
                                    ParamSpec.window(
                                            "horizon",
                                            "5",
                                            "bars after which a sub-agent signal is scored"),
                                    ParamSpec.of(
                                            "cost_bps",
                                            Type.DOUBLE,
                                            "2",
                                            "a signal is right when its return over the horizon"
                                                    + " beats this cost"),
                                    ParamSpec.range(
                                            "forget",
                                            Type.DOUBLE,
                                            "0.99",
                                            0,
                                            1,
                                            "posterior counts decay toward the prior by this"
                                                    + " factor per update"),
                                    ParamSpec.of(
                                            "prior_alpha", Type.DOUBLE, "1", "Beta prior alpha"),
                                    ParamSpec.of("prior_beta", Type.DOUBLE, "1", "Beta prior beta"),
                                    ParamSpec.window(
                                            "vol_fast",
                                            "10",
                                            "span in bars of the fast realised volatility"),
                                    ParamSpec.window(
                                            "vol_slow",
                                            "100",
                                            "span in bars of the slow realised volatility"),
                                    ParamSpec.of(
                                            "vol_ratio",
                                            Type.DOUBLE,
                                            "1.25",
                                            "volatile when fast vol > vol_ratio x slow vol"),
                                    ParamSpec.window(
                                            "event_bars",
                                            "5",
                                            "event regime for this many bars after a shift"),
                                    ParamSpec.range(
                                            "event_change",
                                            Type.DOUBLE,
                                            "0.05",
                                            0,
                                            1,
                                            "... or after a probability change of this much"),
                                    SHORT_PARAM)),
                    new AgentKind(
                            FollowTheLeaderMetaAgent.NAME,
                            "meta-agent: follows the signalling agent with the best virtual"
                                    + " return",
                            true,
                            List.of(SHORT_PARAM)));

    private AgentCatalog() {}

    /** Every built-in kind, in roster order. */
    public static List<AgentKind> kinds() {
        return KINDS;
    }

    /** The valid agent names, comma-separated. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (AgentKind k : KINDS) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k.name());
        }
        return sb.toString();
    }

    /**
     * The kind called {@code name}.
     *
     * @throws IllegalArgumentException listing the valid names when there is none
     */
    public static AgentKind kind(String name) {
        for (AgentKind k : KINDS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown agent '" + name + "'; valid names: " + names());
    }

    public static boolean isMeta(String name) {
        return kind(name).meta();
    }

    /** Checks names, keys, values and the constraints between values by building the agent. */
    public static void validate(AgentSpec spec) {
        if (isMeta(spec.name())) {
            createMeta(spec);
        } else if (create(spec) instanceof ScriptAgent script) {
            script.check();
        }
    }

    /**
     * Builds a non-meta agent.
     *
     * @throws IllegalArgumentException for a meta or unknown kind, or invalid parameters
     */
    public static Agent<?> create(AgentSpec spec) {
        Params p = new Params(spec);
        switch (spec.name()) {
            case TrendAgent.NAME:
                return new TrendAgent(p.intValue("fast"), p.intValue("slow"));
            case MeanReversionAgent.NAME:
                return new MeanReversionAgent(
                        MeanReversionAgent.Mode.parse(p.string("mode")),
                        p.intValue("period"),
                        p.doubleValue("lower"),
                        p.doubleValue("upper"),
                        p.intValue("window"),
                        p.doubleValue("entry_z"),
                        p.doubleValue("exit_z"));
            case EventDrivenAgent.NAME:
                return new EventDrivenAgent(
                        p.doubleValue("fed_threshold"),
                        p.doubleValue("shift_threshold"),
                        p.string("group"));
            case FedWatcherAgent.NAME:
                return new FedWatcherAgent(p.doubleValue("threshold"));
            case ScriptAgent.KIND:
                return script(spec, p);
            default:
                throw new IllegalArgumentException(
                        "agent '" + spec.name() + "' is a meta-agent; use createMeta");
        }
    }

    /** A script agent with its file read now, so a missing file fails at the command line. */
    private static ScriptAgent script(AgentSpec spec, Params p) {
        String file = spec.params().get("file");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("agent 'script' needs file=PATH of a .js file");
        }
        String source;
        try {
            source = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "agent 'script': cannot read file=" + file.trim() + " (" + e + ")");
        }
        return new ScriptAgent(
                spec.agentName(),
                file.trim(),
                source,
                p.intValue("statements"),
                p.intValue("millis"),
                (long) p.intValue("alloc_mb") << 20);
    }

    /**
     * Builds a meta-agent.
     *
     * @throws IllegalArgumentException for a non-meta or unknown kind, or invalid parameters
     */
    public static MetaAgent<?> createMeta(AgentSpec spec) {
        Params p = new Params(spec);
        if (spec.name().equals(FollowTheLeaderMetaAgent.NAME)) {
            return new FollowTheLeaderMetaAgent(p.bool(SHORT));
        }
        if (spec.name().equals(ThompsonMetaAgent.NAME)) {
            return new ThompsonMetaAgent(
                    new ThompsonMetaAgent.Params(
                            p.intValue("seed"),
                            p.intValue("horizon"),
                            p.doubleValue("cost_bps"),
                            p.doubleValue("forget"),
                            p.doubleValue("prior_alpha"),
                            p.doubleValue("prior_beta"),
                            new RegimeClassifier(
                                    p.intValue("vol_fast"),
                                    p.intValue("vol_slow"),
                                    p.doubleValue("vol_ratio"),
                                    p.intValue("event_bars"),
                                    p.doubleValue("event_change"))));
        }
        throw new IllegalArgumentException(
                "agent '" + spec.name() + "' is not a meta-agent; use create");
    }

    /** Help text: every kind with its parameters, defaults and descriptions. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        for (AgentKind k : KINDS) {
            sb.append(k.name()).append("  ").append(k.description()).append('\n');
            for (ParamSpec p : k.params()) {
                String range = p.rangeText().isEmpty() ? "" : ", " + p.rangeText();
                // a parameter without a default (a script's file) says so in its description
                String noted =
                        String.valueOf(p.defaultValue()).isEmpty()
                                ? (range.isEmpty() ? "" : " (" + range.substring(2) + ")")
                                : " (default " + p.defaultValue() + range + ")";
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "    %-16s %s%s%n",
                                p.name() + "=",
                                p.description(),
                                noted));
            }
        }
        return sb.toString();
    }

    /** A spec's parameters with the kind's defaults filled in and every value validated. */
    private static final class Params {
        private final AgentKind kind;
        private final Map<String, String> given;

        Params(AgentSpec spec) {
            this.kind = kind(spec.name());
            this.given = spec.params();
            for (Map.Entry<String, String> e : given.entrySet()) {
                ParamSpec param = kind.param(e.getKey());
                if (param == null) {
                    throw new IllegalArgumentException(
                            "agent '"
                                    + kind.name()
                                    + "' has no parameter '"
                                    + e.getKey()
                                    + "'; valid keys: "
                                    + kind.keys());
                }
                param.validate(kind.name(), e.getValue());
            }
        }

        String string(String key) {
            if (!given.containsKey(key) && kind.param(key).defaultValue().isEmpty()) {
                return ""; // an optional text without default (script's name)
            }
            ParamSpec param = kind.param(key);
            return param.validate(kind.name(), given.getOrDefault(key, param.defaultValue()));
        }

        int intValue(String key) {
            return Integer.parseInt(string(key));
        }

        double doubleValue(String key) {
            return Double.parseDouble(string(key));
        }

        boolean bool(String key) {
            return Boolean.parseBoolean(string(key));
        }
    }
}
