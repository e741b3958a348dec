package io.battleroyale.functions.agents;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One agent of a run's roster as the user configured it: its kind's name and the parameters given
 * explicitly (defaults are filled in by {@link AgentCatalog}). Parsed by {@link AgentSpecs}.
 */
public record AgentSpec(String name, Map<String, String> params) implements Serializable {

    private static final long serialVersionUID = 1L;

    public AgentSpec {
        // Insertion order is kept so the spec prints back as written.
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** An agent with all defaults. */
    public static AgentSpec of(String name) {
        return new AgentSpec(name, Map.of());
    }

    /** Whether the agent's sleeves may go short (the {@code short} parameter every agent has). */
    public boolean allowShort() {
        return Boolean.parseBoolean(params.getOrDefault(AgentCatalog.SHORT, "false"));
    }

    /**
     * The contestant's name on the leaderboard and in state names: the kind's name, except for a
     * script agent, which is called by its {@code name} or else its file name without {@code .js}.
     */
    public String agentName() {
        if (!name.equals(ScriptAgent.KIND)) {
            return name;
        }
        String given = params.getOrDefault("name", "").trim();
        if (!given.isEmpty()) {
            return given;
        }
        String file = params.getOrDefault("file", "").trim();
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        return base.endsWith(".js") ? base.substring(0, base.length() - 3) : base;
    }

    /** The command-line form, e.g. {@code trend:fast=10,slow=30}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name);
        String sep = ":";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.toString();
    }
}
