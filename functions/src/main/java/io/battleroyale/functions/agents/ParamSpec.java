package io.battleroyale.functions.agents;

import io.battleroyale.model.bounds.Texts;

import java.util.List;
import java.util.Locale;

/**
 * One parameter of a built-in agent kind, for {@code --help}, validation and defaults.
 *
 * @param choices the allowed values of a {@link Type#CHOICE}, empty otherwise
 * @param min the smallest value of an {@link Type#INT} or {@link Type#DOUBLE}
 * @param max the largest value of an {@link Type#INT} or {@link Type#DOUBLE}: every number has a
 *     stated upper bound, so no parameter can make an agent allocate without limit
 */
public record ParamSpec(
        String name,
        Type type,
        String defaultValue,
        String description,
        List<String> choices,
        double min,
        double max) {

    /** The longest window (in bars) an indicator may keep: an agent's state stays small. */
    public static final int MAX_WINDOW_BARS = 10_000;

    /** The bound of numbers without a more specific one. */
    static final double MAX_NUMBER = 1e6;

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

    /** A number in {@code [-MAX_NUMBER, MAX_NUMBER]}, or a boolean or string. */
    static ParamSpec of(String name, Type type, String defaultValue, String description) {
        return new ParamSpec(
                name, type, defaultValue, description, List.of(), -MAX_NUMBER, MAX_NUMBER);
    }

    /** A number in {@code [min, max]}. */
    static ParamSpec range(
            String name,
            Type type,
            String defaultValue,
            double min,
            double max,
            String description) {
        return new ParamSpec(name, type, defaultValue, description, List.of(), min, max);
    }

    /** A window length in bars: an integer in {@code [1, MAX_WINDOW_BARS]}. */
    static ParamSpec window(String name, String defaultValue, String description) {
        return range(name, Type.INT, defaultValue, 1, MAX_WINDOW_BARS, description);
    }

    static ParamSpec choice(
            String name, String defaultValue, String description, String... choices) {
        return new ParamSpec(name, Type.CHOICE, defaultValue, description, List.of(choices), 0, 0);
    }

    /** The allowed range for {@code --help}, e.g. {@code 1..10000}; empty for other types. */
    public String rangeText() {
        if (type != Type.INT && type != Type.DOUBLE) {
            return "";
        }
        return number(min) + ".." + number(max);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.valueOf((long) v)
                : String.valueOf(v);
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
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw bad(agent, value, "an integer between " + rangeText(), e);
                }
                if (n < min || n > max) {
                    throw bad(agent, value, "an integer between " + rangeText(), null);
                }
                return v;
            case DOUBLE:
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw bad(agent, value, "a number between " + rangeText(), e);
                }
                if (!(d >= min && d <= max)) {
                    throw bad(agent, value, "a number between " + rangeText(), null);
                }
                return v;
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
                        Texts.clip(value),
                        expected),
                cause);
    }
}
