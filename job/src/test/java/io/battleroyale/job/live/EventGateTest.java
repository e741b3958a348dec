package io.battleroyale.job.live;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.VenueStatus;
import io.battleroyale.model.VenueUpdate;
import io.battleroyale.sources.events.EventMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate on Flink's keyed broadcast operator: the live/synthetic decision follows the venue
 * statuses that arrive as data, and they survive a snapshot and restore.
 */
class EventGateTest {

    private static final EventMap MAP = EventMap.loadDefault();

    /** Wall clock of the venues; the synthetic clock is far away on purpose. */
    private static final long WALL = 1_780_000_000_000L;

    private static final ProbabilityTick KALSHI_QUOTE =
            new ProbabilityTick(
                    "kalshi", "KXFED-26JUN-T3.75", "FOMC-2026-06:above3.75", WALL, 0.62);
    private static final ProbabilityTick POLY_QUOTE =
            new ProbabilityTick("polymarket", "fed-hike-june", "FOMC-2026-06:hike25", WALL, 0.58);

    private final List<KeyedBroadcastOperatorTestHarness<?, ?, ?, ?>> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var h : open) {
            h.close();
        }
    }

    private KeyedBroadcastOperatorTestHarness<String, ProbabilityTick, VenueUpdate, ProbabilityTick>
            harness(OperatorSubtaskState restoreFrom) throws Exception {
        var harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new EventGate(MAP), List.of(EventGate.QUOTES, EventGate.VENUES)),
                        new EventGate.ByGroup(MAP),
                        Types.STRING,
                        128,
                        1,
                        0);
        open.add(harness);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private KeyedBroadcastOperatorTestHarness<String, ProbabilityTick, VenueUpdate, ProbabilityTick>
            harness() throws Exception {
        return harness(null);
    }

    private static ProbabilityTick synthetic(String group, long ts) {
        return new ProbabilityTick(
                "synthetic", "SYN-" + group.toUpperCase(java.util.Locale.ROOT), group, ts, 0.30);
    }

    private static VenueUpdate up(String venue, long ts) {
        return VenueUpdate.of(VenueStatus.up(venue, 0, ts));
    }

    private static VenueUpdate down(String venue, String reason, long ts) {
        return VenueUpdate.of(VenueStatus.down(venue, 0, reason, ts));
    }

    /** Feeds one synthetic tick and returns what the gate emitted for it. */
    private static List<ProbabilityTick> tick(
            KeyedBroadcastOperatorTestHarness<String, ProbabilityTick, VenueUpdate, ProbabilityTick>
                    h,
            ProbabilityTick synthetic)
            throws Exception {
        int before = h.extractOutputValues().size();
        h.processElement(synthetic, synthetic.tsEvent());
        List<ProbabilityTick> all = h.extractOutputValues();
        return all.subList(before, all.size());
    }

    private static ProbabilityTick at(ProbabilityTick quote, long ts) {
        return new ProbabilityTick(
                quote.venue(), quote.marketId(), quote.eventKey(), ts, quote.yesProbability());
    }

    @Test
    void liveQuotesReplaceTheSyntheticTickWhileTheirVenueIsUp() throws Exception {
        var h = harness();
        h.processBroadcastElement(up("kalshi", WALL), WALL);
        h.processBroadcastElement(VenueUpdate.of(KALSHI_QUOTE), WALL);
        h.processBroadcastElement(up("polymarket", WALL), WALL);
        h.processBroadcastElement(VenueUpdate.of(POLY_QUOTE), WALL);

        // both quotes of the group, on the synthetic clock, sorted by venue and market
        assertThat(tick(h, synthetic("fed_hike", 1_000)))
                .containsExactly(at(KALSHI_QUOTE, 1_000), at(POLY_QUOTE, 1_000));
        // a group no live market feeds runs on the synthetic model
        assertThat(tick(h, synthetic("recession", 2_000)))
                .containsExactly(synthetic("recession", 2_000));
    }

    @Test
    void aVenueThatHasNotReportedIsNotUsed() throws Exception {
        var h = harness();
        h.processBroadcastElement(VenueUpdate.of(KALSHI_QUOTE), WALL);

        assertThat(tick(h, synthetic("fed_hike", 1_000)))
                .containsExactly(synthetic("fed_hike", 1_000));
    }

    @Test
    void downFallsBackToSyntheticWithItsReasonAndRecoveryUsesLiveAgain() throws Exception {
        var h = harness();
        h.processBroadcastElement(up("kalshi", WALL), WALL);
        h.processBroadcastElement(VenueUpdate.of(KALSHI_QUOTE), WALL);
        assertThat(tick(h, synthetic("fed_hike", 1_000))).containsExactly(at(KALSHI_QUOTE, 1_000));

        h.processBroadcastElement(down("kalshi", "unreachable: HTTP 503", WALL + 30_000), WALL);
        assertThat(tick(h, synthetic("fed_hike", 2_000)))
                .containsExactly(synthetic("fed_hike", 2_000));
        VenueStatus held = h.getBroadcastState(EventGate.VENUES).get("kalshi");
        assertThat(held.up()).isFalse();
        assertThat(held.reason()).isEqualTo("unreachable: HTTP 503");

        ProbabilityTick fresh =
                new ProbabilityTick(
                        "kalshi",
                        "KXFED-26JUN-T3.75",
                        "FOMC-2026-06:above3.75",
                        WALL + 90_000,
                        0.66);
        h.processBroadcastElement(up("kalshi", WALL + 60_000), WALL);
        h.processBroadcastElement(VenueUpdate.of(fresh), WALL);
        assertThat(tick(h, synthetic("fed_hike", 3_000))).containsExactly(at(fresh, 3_000));
    }

    @Test
    void anOlderReportOfAnotherReaderDoesNotOverrideANewerOne() throws Exception {
        var h = harness();
        h.processBroadcastElement(VenueUpdate.of(KALSHI_QUOTE), WALL);
        h.processBroadcastElement(
                VenueUpdate.of(VenueStatus.down("kalshi", 1, "unreachable", WALL + 10)), WALL);
        h.processBroadcastElement(VenueUpdate.of(VenueStatus.up("kalshi", 0, WALL + 5)), WALL);

        assertThat(tick(h, synthetic("fed_hike", 1_000)))
                .containsExactly(synthetic("fed_hike", 1_000));
    }

    @Test
    void theHealthAndTheQuotesSurviveASnapshotAndRestore() throws Exception {
        var first = harness();
        first.processBroadcastElement(up("kalshi", WALL), WALL);
        first.processBroadcastElement(VenueUpdate.of(KALSHI_QUOTE), WALL);
        first.processBroadcastElement(up("polymarket", WALL), WALL);
        first.processBroadcastElement(VenueUpdate.of(POLY_QUOTE), WALL);
        first.processBroadcastElement(
                down("polymarket", "not_api: polymarket answered HTML", WALL + 30_000), WALL);
        OperatorSubtaskState snapshot = first.snapshot(1L, 1L);

        var restored = harness(snapshot);
        // polymarket is still down after the restore, kalshi still up, with its quote
        assertThat(tick(restored, synthetic("fed_hike", 5_000)))
                .containsExactly(at(KALSHI_QUOTE, 5_000));
        assertThat(restored.getBroadcastState(EventGate.VENUES).get("polymarket").reason())
                .isEqualTo("not_api: polymarket answered HTML");

        // and its recovery uses the quote remembered before the snapshot
        restored.processBroadcastElement(up("polymarket", WALL + 60_000), WALL);
        assertThat(tick(restored, synthetic("fed_hike", 6_000)))
                .containsExactly(at(KALSHI_QUOTE, 6_000), at(POLY_QUOTE, 6_000));
    }
}
