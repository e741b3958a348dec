package io.battleroyale.model.bounds;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one symbol rule of every input (CSV files, the event map, agents, the gateway): upper case
 * letters, digits, {@code . : -}, at most 16 characters, optionally a {@code /QUOTE} part. Input is
 * trimmed and upper-cased first, so {@code spy} and {@code SPY} are one book and one limit.
 */
public final class Symbols {

    /** The syntax of a normalised symbol. */
    public static final Pattern SYNTAX =
            Pattern.compile("[A-Z0-9.:\\-]{1,16}(/[A-Z0-9.\\-]{1,16})?");

    private Symbols() {}

    /**
     * The symbol {@code text} names, normalised.
     *
     * @throws IllegalArgumentException naming {@code field} when it breaks the rule
     */
    public static String normalize(String field, String text) {
        String symbol = text.trim().toUpperCase(Locale.ROOT);
        if (!SYNTAX.matcher(symbol).matches()) {
            throw new IllegalArgumentException(
                    field
                            + ": '"
                            + Texts.clip(text)
                            + "' is not a symbol (letters, digits, . : -, at most 16, optionally"
                            + " /QUOTE)");
        }
        return symbol;
    }
}
