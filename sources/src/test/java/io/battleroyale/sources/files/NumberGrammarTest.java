package io.battleroyale.sources.files;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV reader parses numbers with {@link JavaDoubleParser} for speed; what a file may hold must
 * stay what {@link Double#parseDouble} accepts, bit for bit, so that no row is accepted, refused or
 * rounded differently than before.
 */
class NumberGrammarTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "100",
                "100.25",
                "0.1",
                "-0",
                "+1",
                ".5",
                "1.",
                "1e3",
                "1E-3",
                "4.9e-324",
                "1.7976931348623157e308",
                "1e309",
                "2.2250738585072011e-308",
                "123456789.123456789",
                "0.30000000000000004",
                " 1.5",
                "1.5 ",
                "0x1p3",
                "1d",
                "1f",
                "NaN",
                "Infinity",
                "-Infinity",
                "",
                ".",
                "1,5",
                "1_0",
                "abc",
                "1e",
                "--1",
                "١٢",
                "1.2.3",
                "e5"
            })
    void acceptsRefusesAndRoundsExactlyAsDoubleParseDouble(String text) {
        Object expected = parse(() -> Double.parseDouble(text));
        Object actual = parse(() -> JavaDoubleParser.parseDouble(text));
        if (expected instanceof Double e && actual instanceof Double a) {
            assertThat(Double.doubleToRawLongBits(a))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(e));
        } else {
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }

    private static Object parse(java.util.function.DoubleSupplier parser) {
        try {
            return parser.getAsDouble();
        } catch (NumberFormatException e) {
            return "refused";
        }
    }
}
