package io.battleroyale.sources.venues;

import io.battleroyale.sources.venues.YesProbability.Basis;
import io.battleroyale.sources.venues.YesProbability.Quote;
import io.battleroyale.sources.venues.YesProbability.Result;
import io.battleroyale.sources.venues.YesProbability.Skip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.battleroyale.sources.testing.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

class YesProbabilityTest {

    static Stream<Arguments> kalshiCases() {
        return Stream.of(
                // tight two-sided quote: midpoint
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.4200\",\"yes_ask_dollars\":\"0.4400\",\"last_price_dollars\":\"0.9000\"}",
                        "0.43 MIDPOINT"),
                // spread exactly 0.10 still counts as tight
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.40\",\"yes_ask_dollars\":\"0.50\",\"last_price_dollars\":\"0.9\"}",
                        "0.45 MIDPOINT"),
                // wide spread: last price
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.05\",\"yes_ask_dollars\":\"0.30\",\"last_price_dollars\":\"0.12\"}",
                        "0.12 LAST_PRICE"),
                // wide spread, last price zero: wide midpoint
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.10\",\"yes_ask_dollars\":\"0.50\",\"last_price_dollars\":\"0.0000\"}",
                        "0.3 WIDE_MIDPOINT"),
                // wide spread, no last price at all
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.10\",\"yes_ask_dollars\":\"0.50\"}",
                        "0.3 WIDE_MIDPOINT"),
                // one-sided book: last price
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.0000\",\"yes_ask_dollars\":\"0.2000\",\"last_price_dollars\":\"0.15\"}",
                        "0.15 LAST_PRICE"),
                // empty book (0 / 1) and no trade: skipped
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.0000\",\"yes_ask_dollars\":\"1.0000\",\"last_price_dollars\":\"0.0000\"}",
                        "no_quote"),
                // nothing at all
                Arguments.of("{\"ticker\":\"X\"}", "no_quote"),
                // nulls and empty strings read as absent
                Arguments.of(
                        "{\"yes_bid_dollars\":null,\"yes_ask_dollars\":\"\",\"last_price_dollars\":\"0.61\"}",
                        "0.61 LAST_PRICE"),
                // numbers as JSON numbers instead of strings
                Arguments.of(
                        "{\"yes_bid_dollars\":0.81,\"yes_ask_dollars\":0.83}", "0.82 MIDPOINT"),
                // legacy integer cents when the dollar fields are absent
                Arguments.of("{\"yes_bid\":61,\"yes_ask\":65,\"last_price\":63}", "0.63 MIDPOINT"),
                // legacy cents sent as strings, wide, last trade
                Arguments.of(
                        "{\"yes_bid\":\"10\",\"yes_ask\":\"40\",\"last_price\":\"22\"}",
                        "0.22 LAST_PRICE"),
                // dollar fields win over cents
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.50\",\"yes_ask_dollars\":\"0.52\",\"yes_bid\":1,\"yes_ask\":99}",
                        "0.51 MIDPOINT"),
                // crossed book is not a two-sided quote
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.60\",\"yes_ask_dollars\":\"0.50\",\"last_price_dollars\":\"0.55\"}",
                        "0.55 LAST_PRICE"),
                // invalid values skip, never fall through
                Arguments.of(
                        "{\"yes_bid_dollars\":\"abc\",\"yes_ask_dollars\":\"0.44\",\"last_price_dollars\":\"0.43\"}",
                        "unparsable"),
                Arguments.of(
                        "{\"yes_bid_dollars\":\"0.42\",\"yes_ask_dollars\":\"0.44\",\"last_price_dollars\":\"NaN\"}",
                        "not_a_number"),
                Arguments.of(
                        "{\"yes_bid_dollars\":\"1.20\",\"yes_ask_dollars\":\"1.30\"}",
                        "out_of_range"),
                Arguments.of("{\"last_price_dollars\":\"-0.01\"}", "out_of_range"),
                Arguments.of("{\"last_price\":150}", "out_of_range"),
                Arguments.of("{\"yes_bid_dollars\":{\"v\":1}}", "unparsable"),
                Arguments.of("[1,2]", "not_an_object"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("kalshiCases")
    void kalshiRule(String market, String expected) {
        assertThat(describe(YesProbability.kalshi(json(market)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"0.235\\\", \\\"0.765\\\"]\"} | 0.235 OUTCOME_PRICE",
                "{\"outcomes\":\"[\\\"No\\\", \\\"Yes\\\"]\",\"outcomePrices\":\"[\\\"0.8\\\", \\\"0.2\\\"]\"} | 0.2 OUTCOME_PRICE",
                "{\"outcomes\":[\"yes\",\"no\"],\"outcomePrices\":[0.4,0.6]} | 0.4 OUTCOME_PRICE",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"1\\\", \\\"0\\\"]\"} | 1.0 OUTCOME_PRICE",
                "{\"outcomes\":\"[\\\"Hassett\\\", \\\"Warsh\\\"]\",\"outcomePrices\":\"[\\\"0.5\\\", \\\"0.5\\\"]\"} | not_binary",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\", \\\"Maybe\\\"]\",\"outcomePrices\":\"[\\\"0.5\\\", \\\"0.3\\\", \\\"0.2\\\"]\"} | not_binary",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"1.5\\\", \\\"-0.5\\\"]\"} | out_of_range",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"NaN\\\", \\\"0.5\\\"]\"} | not_a_number",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"0.2\"} | unparsable",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"x\\\", \\\"0.5\\\"]\"} | unparsable",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":\"[\\\"0.5\\\"]\"} | unparsable",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\",\"outcomePrices\":null} | missing_field",
                "{\"outcomes\":\"[\\\"Yes\\\", \\\"No\\\"]\"} | missing_field",
                "{\"outcomePrices\":\"[\\\"0.5\\\", \\\"0.5\\\"]\"} | missing_field",
                "{\"outcomes\":42,\"outcomePrices\":\"[\\\"0.5\\\", \\\"0.5\\\"]\"} | unparsable",
            })
    void polymarketRule(String market, String expected) {
        assertThat(describe(YesProbability.polymarket(json(market)))).isEqualTo(expected);
    }

    @Test
    void polymarketYesTokenIdKeepsAllDigits() {
        String big = "48127390517264839102736450918273645091827364509182736450918273645091827364";
        String other = "90817263540918273645091827364509182736450918273645091827364509182736450918";
        String asStrings =
                "{\"outcomes\":\"[\\\"No\\\",\\\"Yes\\\"]\",\"clobTokenIds\":\"[\\\""
                        + other
                        + "\\\",\\\""
                        + big
                        + "\\\"]\"}";
        String asNumbers =
                "{\"outcomes\":[\"Yes\",\"No\"],\"clobTokenIds\":[" + big + "," + other + "]}";
        assertThat(YesProbability.polymarketYesTokenId(json(asStrings))).isEqualTo(big);
        assertThat(YesProbability.polymarketYesTokenId(json(asNumbers))).isEqualTo(big);
        assertThat(
                        YesProbability.polymarketYesTokenId(
                                json("{\"outcomes\":\"[\\\"A\\\",\\\"B\\\"]\"}")))
                .isNull();
    }

    @Test
    void plainProbabilityAcceptsStringsAndNumbers() {
        assertThat(
                        describe(
                                YesProbability.probability(
                                        "mid", json("\"0.235\""), Basis.CLOB_MIDPOINT)))
                .isEqualTo("0.235 CLOB_MIDPOINT");
        assertThat(describe(YesProbability.probability("p", json("0.5"), Basis.HISTORY_PRICE)))
                .isEqualTo("0.5 HISTORY_PRICE");
        assertThat(describe(YesProbability.probability("p", null, Basis.HISTORY_PRICE)))
                .isEqualTo("missing_field");
        assertThat(describe(YesProbability.probability("p", json("true"), Basis.HISTORY_PRICE)))
                .isEqualTo("unparsable");
    }

    static String describe(Result r) {
        if (r instanceof Quote q) {
            return q.yesProbability() + " " + q.basis();
        }
        Skip s = (Skip) r;
        assertThat(s.detail()).isNotBlank();
        return s.reason().metricName();
    }
}
