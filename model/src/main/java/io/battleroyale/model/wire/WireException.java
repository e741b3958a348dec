package io.battleroyale.model.wire;

import javax.annotation.Nullable;

/**
 * A message that does not read: {@link #malformed()} when a field has the wrong JSON type (the
 * sender speaks another format), otherwise a field that is missing or out of range.
 */
public final class WireException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    @Nullable private final String field;
    private final boolean malformed;

    WireException(@Nullable String field, boolean malformed, String message) {
        super(message);
        this.field = field;
        this.malformed = malformed;
    }

    @Nullable
    public String field() {
        return field;
    }

    public boolean malformed() {
        return malformed;
    }
}
