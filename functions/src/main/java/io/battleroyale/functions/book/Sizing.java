package io.battleroyale.functions.book;

import io.battleroyale.model.bounds.Sizes;

import java.io.Serializable;
import java.util.Locale;

/**
 * How large a sleeve's opening order is, decided at fill time from the fill price.
 *
 * <ul>
 *   <li>{@code FIXED}: {@code value} units (shares, coins), fractional allowed;
 *   <li>{@code NOTIONAL}: {@code value} of cash worth, {@code quantity = value / price};
 *   <li>{@code EQUITY}: fraction in (0, 1] of the sleeve's equity including the commission, {@code
 *       quantity = value × equity / (price × (1 + commission rate))}; {@code 1.0} is all-in.
 * </ul>
 *
 * <p>FIXED and NOTIONAL are not capped by cash: limits belong to the risk gate, which sees the
 * order's notional before it fills.
 */
public record Sizing(Kind kind, double value) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The sizing policies; the CLI names are the lower-case constant names. */
    public enum Kind {
        FIXED,
        NOTIONAL,
        EQUITY
    }

    public Sizing {
        if (kind == null) {
            throw new IllegalArgumentException("sizing kind is required");
        }
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "sizing " + name(kind) + " needs a positive finite value, got " + value);
        }
        double max =
                kind == Kind.FIXED
                        ? Sizes.MAX_QUANTITY
                        : kind == Kind.NOTIONAL ? Sizes.MAX_NOTIONAL : 1.0;
        if (kind != Kind.EQUITY && value > max) {
            throw new IllegalArgumentException(
                    "sizing " + name(kind) + " must be at most " + max + ", got " + value);
        }
        if (kind == Kind.EQUITY && value > 1.0) {
            throw new IllegalArgumentException(
                    "sizing equity is a fraction of sleeve equity in (0, 1] (no leverage), got "
                            + value);
        }
    }

    /** All-in: the whole sleeve equity. */
    public static Sizing allIn() {
        return new Sizing(Kind.EQUITY, 1.0);
    }

    /** Parses {@code fixed:10}, {@code notional:5000} or {@code equity:1.0}. */
    public static Sizing parse(String text) {
        String usage = "expected fixed:<quantity>, notional:<cash> or equity:<fraction>";
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("bad sizing '" + text + "': " + usage);
        }
        String kindName = text.substring(0, colon).trim();
        String number = text.substring(colon + 1).trim();
        Kind kind;
        try {
            kind = Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "bad sizing '" + text + "': unknown kind '" + kindName + "', " + usage, e);
        }
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "bad sizing '" + text + "': '" + number + "' is not a number, " + usage, e);
        }
        return new Sizing(kind, value);
    }

    /** The CLI form, e.g. {@code equity:1.0}. */
    @Override
    public String toString() {
        return name(kind) + ":" + value;
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
