package io.battleroyale.operators.stress;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.events.Group;
import io.battleroyale.sources.files.CsvLineFormat;
import io.battleroyale.sources.files.CsvRow;
import io.battleroyale.sources.files.CsvSchema;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Historical probability path: a recorded (or hand-made) probabilities file replayed into any price
 * history. The path's ticks replace the feed's ticks of the same event groups, with their times
 * mapped linearly onto the run's window.
 *
 * <p>With the file's first and last tick times f0, f1 and the window [T, E): {@code t' = T + (t −
 * f0) · (E − T) / (f1 − f0)} (a single-instant file maps to T). Ticks whose event key matches no
 * group of the event map are left out; the feed's ticks of the path's groups are dropped at every
 * time.
 */
public record HistoricalPath(
        EventMap eventMap,
        String source,
        Set<String> groups,
        long startTs,
        long endTs,
        List<ProbabilityTick> ticks)
        implements Scenario {

    public static final String NAME = "historical_path";

    public HistoricalPath {
        groups = Set.copyOf(groups);
        ticks = List.copyOf(ticks);
    }

    /**
     * Reads a probabilities file ({@code timestamp,venue,market_id,event_key,yes_probability}) and
     * maps it onto [start, end). A bad row is an error naming the file and line.
     */
    public static HistoricalPath load(
            EventMap eventMap, String origin, Reader file, long startTs, long endTs)
            throws IOException {
        List<ProbabilityTick> recorded = new ArrayList<>();
        for (CsvRow<ProbabilityTick> row :
                CsvLineFormat.readAll(origin, CsvSchema.PROBABILITIES, file)) {
            if (row.rejected() != null) {
                throw new IllegalArgumentException(
                        origin + ": line " + row.line() + ": " + row.rejected().reason());
            }
            if (eventMap.match(row.value().eventKey()) != null) {
                recorded.add(row.value());
            }
        }
        if (recorded.isEmpty()) {
            throw new IllegalArgumentException(
                    origin + ": no tick whose event key is in " + eventMap.origin());
        }
        recorded.sort(Comparator.comparingLong(ProbabilityTick::tsEvent));
        long f0 = recorded.get(0).tsEvent();
        long f1 = recorded.get(recorded.size() - 1).tsEvent();
        Set<String> groups = new TreeSet<>();
        List<ProbabilityTick> mapped = new ArrayList<>();
        for (ProbabilityTick t : recorded) {
            groups.add(eventMap.match(t.eventKey()).name());
            long ts =
                    f1 == f0
                            ? startTs
                            : startTs
                                    + Math.round(
                                            (t.tsEvent() - f0)
                                                    * ((endTs - startTs) / (double) (f1 - f0)));
            mapped.add(
                    new ProbabilityTick(
                            t.venue(),
                            t.marketId(),
                            t.eventKey(),
                            Math.min(ts, endTs - 1),
                            t.yesProbability()));
        }
        return new HistoricalPath(eventMap, origin, groups, startTs, endTs, mapped);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String formula() {
        return String.format(
                Locale.ROOT,
                "ticks of groups %s replaced by the %d ticks of %s, times mapped t' = %d + (t -"
                        + " f0)·%d/(f1 - f0)",
                groups,
                ticks.size(),
                source,
                startTs,
                endTs - startTs);
    }

    @Override
    @Nullable
    public ProbabilityTick probability(ProbabilityTick tick) {
        Group g = eventMap.match(tick.eventKey());
        return g != null && groups.contains(g.name()) ? null : tick;
    }

    @Override
    public List<ProbabilityTick> addedProbabilities() {
        return ticks;
    }
}
