package io.battleroyale.model.bounds;

/** How much of a refused value is echoed back in a message, a log line or {@code rejected.csv}. */
public final class Texts {

    /** The most characters of a refused value that are echoed. */
    public static final int MAX_ECHO = 120;

    private Texts() {}

    /** {@code text} cut to {@link #MAX_ECHO} characters, with "…(N chars)" when cut. */
    public static String clip(String text) {
        if (text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO) + "…(" + text.length() + " chars)";
    }
}
