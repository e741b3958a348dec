package io.battleroyale.sources.venues;

/**
 * Why a venue market, price point or price bar produced no record; each has a stable metric name.
 */
public enum SkipReason {
    /** Neither a usable two-sided quote nor a positive last price. */
    NO_QUOTE("no_quote"),
    /** A Polymarket market whose outcomes are not exactly Yes and No. */
    NOT_BINARY("not_binary"),
    /** A price outside [0, 1]. */
    OUT_OF_RANGE("out_of_range"),
    /** A time outside the window every input must fall in ({@code Timestamps}). */
    OUT_OF_TIME_WINDOW("out_of_time_window"),
    /** A price that is NaN or infinite. */
    NOT_A_NUMBER("not_a_number"),
    /** A price, or an embedded JSON array, that cannot be parsed. */
    UNPARSABLE("unparsable"),
    /** A field the rule needs is absent or null. */
    MISSING_FIELD("missing_field"),
    /** The market has no ticker / slug to name it by. */
    MISSING_ID("missing_id"),
    /** A list element that is not a JSON object. */
    NOT_AN_OBJECT("not_an_object"),
    /** The same market id was already seen in this listing. */
    DUPLICATE("duplicate"),
    /** A venue answer that is not shaped like the documented response (a whole poll refused). */
    MALFORMED_RESPONSE("malformed_response"),
    /**
     * A price bar that fails validation: non-positive price, high below low, open/close outside.
     */
    INVALID_BAR("invalid_bar");

    private final String metricName;

    SkipReason(String metricName) {
        this.metricName = metricName;
    }

    /** Lower-case name used for metrics and log lines, e.g. {@code no_quote}. */
    public String metricName() {
        return metricName;
    }
}
