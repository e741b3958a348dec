package io.battleroyale.operators.join;

import io.battleroyale.model.PriceBar;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** Per-symbol bookkeeping of the symbol join (a Flink POJO in keyed state). */
public class JoinState {
    /** Start of the newest accepted bar; a bar must start after it. */
    public long lastBarStart = Long.MIN_VALUE;

    /** Bar length once known (given by the feed, configured, or inferred from the first gap). */
    public long barLength;

    /** Index the next decided bar gets. */
    public long nextIndex;

    /** End of the newest decided bar: ticks at or before it arrive too late for that decision. */
    public long decidedUntil = Long.MIN_VALUE;

    /** The first bar of a feed without bar lengths, waiting for the second to tell the length. */
    @Nullable public PriceBar held;

    /** Bars waiting for the watermark to pass their end, in start order. */
    public List<PriceBar> pending = new ArrayList<>();

    public JoinState() {}
}
