package io.battleroyale.operators.join;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityShift;
import io.battleroyale.model.TradingPause;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-symbol memory of the symbol join (a Flink POJO in keyed state): everything but the bars
 * waiting for their end, the events not yet folded in and the end of the newest decided bar, kept
 * small so one read and one write per bar stay cheap on RocksDB.
 */
public class JoinState {
    /** Start of the newest accepted bar; a bar must start after it. */
    public long lastBarStart = Long.MIN_VALUE;

    /** Bar length once known (given by the feed, configured, or inferred from the first gap). */
    public long barLength;

    /** Index the next decided bar gets. */
    public long nextIndex;

    /** The first bar of a feed without bar lengths, waiting for the second to tell the length. */
    @Nullable public PriceBar held;

    /** Recent observations per market ({@code venue:market:event}). */
    public Map<String, EventHistory> histories = new HashMap<>();

    /** Shifts that may still fall inside a later bar's shift window. */
    public List<ProbabilityShift> shifts = new ArrayList<>();

    /** Pauses that may still be in force for a later bar. */
    public List<TradingPause> pauses = new ArrayList<>();

    public JoinState() {}
}
