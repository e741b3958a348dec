package io.battleroyale.sources.venues.source;

import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.venues.Venue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveMarketsTest {

    @Test
    void theBundledListCoversFedCpiRecessionAndBtcAndEveryKeyMapsToAGroup() {
        LiveMarkets live = LiveMarkets.loadDefault();
        EventMap map = EventMap.loadDefault();

        assertThat(live.refs(Venue.KALSHI)).isNotEmpty();
        assertThat(live.refs(Venue.POLYMARKET)).isNotEmpty();
        assertThat(live.markets())
                .allSatisfy(
                        e ->
                                assertThat(map.match(e.ref().eventKey()))
                                        .as(e.ref().eventKey())
                                        .isNotNull());
        assertThat(live.markets().stream().map(e -> map.match(e.ref().eventKey()).name()))
                .contains("fed_hike", "fed_cut", "fed_hold", "recession", "cpi_hot", "btc_above");
        assertThat(
                        live.markets().stream()
                                .filter(LiveMarkets.Entry::verified)
                                .map(e -> e.ref().marketId()))
                .contains("KXFEDDECISION-26MAR-H0", "KXRECSSNBER-26", "us-recession-in-2026");
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(
                        () ->
                                LiveMarkets.parse(
                                        "version: 1\nkalshi:\n  - market: KXFED-X\n", "t.yaml"))
                .hasMessageContaining("t.yaml: kalshi[0]")
                .hasMessageContaining("event_key");
        assertThatThrownBy(() -> LiveMarkets.parse("version: 2\n", "t.yaml"))
                .hasMessageContaining("version");
        assertThatThrownBy(
                        () ->
                                LiveMarkets.parse(
                                        "version: 1\npolymarket:\n  - {slug: a, event_key: k}\n"
                                                + "  - {slug: a, event_key: k}\n",
                                        "t.yaml"))
                .hasMessageContaining("twice");
    }

    @Test
    void kalshiSeriesAndPolymarketTokenAreOptional() {
        LiveMarkets live =
                LiveMarkets.parse(
                        "version: 1\nkalshi:\n  - {market: KXFEDDECISION-26DEC-H0, event_key:"
                                + " 'FOMC-2026-12:hold', series: KXFEDDECISION}\npolymarket:\n"
                                + "  - {slug: s, token_id: '123456789012345678901234567890',"
                                + " event_key: k, verified: true}\n",
                        "t.yaml");
        assertThat(live.refs(Venue.KALSHI).get(0).kalshiSeries()).isEqualTo("KXFEDDECISION");
        assertThat(live.refs(Venue.POLYMARKET).get(0).tokenId())
                .isEqualTo("123456789012345678901234567890");
        assertThat(live.markets().get(1).verified()).isTrue();
        assertThat(live.venues()).containsExactly(Venue.KALSHI, Venue.POLYMARKET);
    }
}
