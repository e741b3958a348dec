package io.battleroyale.functions.agents;

import io.battleroyale.functions.meta.ThompsonMetaAgent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and prints the roster syntax of the command line: {@code
 * name:key=value,key=value;name2:...}, e.g. {@code
 * trend:fast=10,slow=30;meanrev:mode=rsi,period=14;meta}.
 */
public final class AgentSpecs {

    private AgentSpecs() {}

    /** The built-in roster: trend, meanrev, event, fed and meta, all with defaults. */
    public static List<AgentSpec> defaultRoster() {
        return List.of(
                AgentSpec.of(TrendAgent.NAME),
                AgentSpec.of(MeanReversionAgent.NAME),
                AgentSpec.of(EventDrivenAgent.NAME),
                AgentSpec.of(FedWatcherAgent.NAME),
                AgentSpec.of(ThompsonMetaAgent.NAME));
    }

    /**
     * Parses a roster, checking every name, key and value against {@link AgentCatalog}, so a bad
     * roster fails at the command line rather than inside the job.
     *
     * @throws IllegalArgumentException for an empty roster, unknown agent (listing the valid
     *     names), unknown key (listing the agent's keys), bad value (naming key and value), or a
     *     name or key given twice
     */
    public static List<AgentSpec> parse(String text) {
        List<AgentSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String part : text.split(";", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue; // tolerate "a;;b" and a trailing ';'
            }
            int colon = item.indexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).trim();
            AgentKind kind = AgentCatalog.kind(name);
            Map<String, String> params = new LinkedHashMap<>();
            if (colon >= 0) {
                for (String pair : item.substring(colon + 1).split(",", -1)) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException(
                                "agent '"
                                        + name
                                        + "': expected key=value, got '"
                                        + pair.trim()
                                        + "'");
                    }
                    String key = pair.substring(0, eq).trim();
                    ParamSpec param = kind.param(key);
                    if (param == null) {
                        throw new IllegalArgumentException(
                                "agent '"
                                        + name
                                        + "' has no parameter '"
                                        + key
                                        + "'; valid keys: "
                                        + kind.keys());
                    }
                    if (params.containsKey(key)) {
                        throw new IllegalArgumentException(
                                "agent '" + name + "': parameter '" + key + "' is given twice");
                    }
                    params.put(key, param.validate(name, pair.substring(eq + 1)));
                }
            }
            AgentSpec spec = new AgentSpec(name, params);
            if (!names.add(spec.agentName())) {
                throw new IllegalArgumentException(
                        "agent '"
                                + spec.agentName()
                                + "' is listed twice; each agent may appear once");
            }
            AgentCatalog.validate(spec);
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(
                    "no agents given; valid names: " + AgentCatalog.names());
        }
        return List.copyOf(specs);
    }

    /** The command-line form of a roster; {@code parse(format(r))} equals {@code r}. */
    public static String format(List<AgentSpec> specs) {
        StringBuilder sb = new StringBuilder();
        for (AgentSpec spec : specs) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(spec);
        }
        return sb.toString();
    }
}
