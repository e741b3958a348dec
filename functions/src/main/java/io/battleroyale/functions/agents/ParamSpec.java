package io.battleroyale.functions.agents;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of a built-in agent kind, for {@code --help}, validation and defaults.
 *
 * @param choices the allowed values of a {@link Type#CHOICE}, empty otherwise
 */
public record ParamSpec(
        String name, Type type, String defaultValue, String description, List<String> choices) {

    /** How a parameter's text is read. */
    public enum Type {
        INT,
        DOUBLE,
        BOOLEAN,
        STRING,
        CHOICE
    }

    public ParamSpec {
        choices = List.copyOf(choices);
    }

    static ParamSpec of(String name, Type type, String defaultValue, String description) {
        return new ParamSpec(name, type, defaultValue, description, List.of());
    }

    static ParamSpec choice(
            String name, String defaultValue, String description, String... choices) {
        return new ParamSpec(name, Type.CHOICE, defaultValue, description, List.of(choices));
    }

    /**
     * Checks {@code value} against the type and returns it normalised (trimmed, lower-case for
     * booleans and choices).
     *
     * @throws IllegalArgumentException naming the agent, the key and the value
     */
    public String validate(String agent, String value) {
        String v = value.trim();
        switch (type) {
            case INT:
                try {
                    Integer.parseInt(v);
                    return v;
                } catch (NumberFormatException e) {
                    throw bad(agent, value, "an integer", e);
                }
            case DOUBLE:
                try {
                    double d = Double.parseDouble(v);
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        throw bad(agent, value, "a finite number", null);
                    }
                    return v;
                } catch (NumberFormatException e) {
                    throw bad(agent, value, "a number", e);
                }
            case BOOLEAN:
                String b = v.toLowerCase(Locale.ROOT);
                if (!b.equals("true") && !b.equals("false")) {
                    throw bad(agent, value, "true or false", null);
                }
                return b;
            case CHOICE:
                String c = v.toLowerCase(Locale.ROOT);
                if (!choices.contains(c)) {
                    throw bad(agent, value, "one of " + String.join(", ", choices), null);
                }
                return c;
            case STRING:
            default:
                if (v.isEmpty()) {
                    throw bad(agent, value, "a non-empty string", null);
                }
                return v;
        }
    }

    private IllegalArgumentException bad(
            String agent, String value, String expected, Exception cause) {
        return new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "agent '%s': %s=%s is not valid, expected %s",
                        agent,
                        name,
                        value,
                        expected),
                cause);
    }
}
