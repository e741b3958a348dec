package io.battleroyale.functions.agents;

import javax.annotation.Nullable;

import java.util.List;

/** A built-in agent kind: its name, what it does and the parameters it accepts. */
public record AgentKind(String name, String description, boolean meta, List<ParamSpec> params) {

    public AgentKind {
        params = List.copyOf(params);
    }

    @Nullable
    public ParamSpec param(String key) {
        for (ParamSpec p : params) {
            if (p.name().equals(key)) {
                return p;
            }
        }
        return null;
    }

    /** The accepted keys, comma-separated, for error messages. */
    public String keys() {
        StringBuilder sb = new StringBuilder();
        for (ParamSpec p : params) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p.name());
        }
        return sb.toString();
    }
}
