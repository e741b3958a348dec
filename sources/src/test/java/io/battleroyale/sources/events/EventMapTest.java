package io.battleroyale.sources.events;

import org.apache.flink.util.InstantiationUtil;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class EventMapTest {

    private static final EventMap DEFAULT = EventMap.loadDefault();

    @ParameterizedTest
    @CsvSource({
        "FOMC-2023-02:hike25, fed_hike",
        "FOMC-2024-03:hike25+, fed_hike",
        "FOMC-2024-03:cut50+, fed_cut",
        "FOMC-2025-07:cut25, fed_cut",
        "FOMC-2025-12:hold, fed_hold",
        "US-RECESSION-2026:yes, recession",
        "fed_hike, fed_hike",
        "recession, recession",
        "cpi_hot, cpi_hot",
    })
    void defaultMapMatchesRecordedAndSyntheticKeys(String key, String group) {
        assertThat(DEFAULT.match(key)).isNotNull().extracting(Group::name).isEqualTo(group);
    }

    @ParameterizedTest
    @CsvSource({"FOMC-2025-12:HOLD", "US-RECESSION-2026:no", "fomc-2025-12:hold", "xfed_hike"})
    void unmatchedKeysHaveNoGroupAndNoExposures(String key) {
        assertThat(DEFAULT.match(key)).isNull();
        assertThat(DEFAULT.exposures(key)).isEmpty();
    }

    @Test
    void everyRecordedEventKeyMaps() throws Exception {
        Path real = Path.of("/work/shared/data/real");
        assumeThat(real).exists();
        Set<String> keys;
        try (var files = Files.walk(real)) {
            keys =
                    files.filter(p -> p.getFileName().toString().equals("probabilities.csv"))
                            .flatMap(EventMapTest::lines)
                            .skip(0)
                            .filter(l -> !l.startsWith("timestamp"))
                            .map(l -> l.split(",")[3])
                            .collect(Collectors.toSet());
        }
        assertThat(keys).hasSizeGreaterThan(50);
        assertThat(keys).allSatisfy(k -> assertThat(DEFAULT.match(k)).as(k).isNotNull());
    }

    @Test
    void exposuresCarryGroupSymbolAndSign() {
        List<Exposure> exposures = DEFAULT.exposures("FOMC-2023-02:hike25");
        assertThat(exposures)
                .contains(
                        new Exposure("fed_hike", "SPY", -1.0),
                        new Exposure("fed_hike", "TLT", -1.0),
                        new Exposure("fed_hike", "UUP", 0.8),
                        new Exposure("fed_hike", "ZQG2023", -1.0));
        assertThat(DEFAULT.exposures("US-RECESSION-2026:yes"))
                .contains(
                        new Exposure("recession", "TLT", 0.8),
                        new Exposure("recession", "VIX", 1.2));
        assertThat(DEFAULT.symbols())
                .contains(
                        "SPY", "QQQ", "TLT", "GLD", "UUP", "VIX", "BTC-USD", "ETH-USD", "ZQZ2024");
    }

    @Test
    void firstMatchingGroupInFileOrderWins() {
        EventMap map =
                EventMap.parse(
                        """
                        version: 1
                        groups:
                          specific: {match: ["FOMC-2024-*:hold"], symbols: {SPY: 1.0}}
                          general: {match: ["FOMC-*"], symbols: {SPY: -1.0}}
                        """,
                        "test.yaml");
        assertThat(map.match("FOMC-2024-06:hold").name()).isEqualTo("specific");
        assertThat(map.match("FOMC-2025-06:hold").name()).isEqualTo("general");
        assertThat(map.match("FOMC-2024-06:hold").name()).isEqualTo("specific"); // cached
    }

    @Test
    void signalOnlySymbolsAreNormalisedAndOptional() throws Exception {
        EventMap marked =
                EventMap.parse(
                        "version: 1\ngroups: {g: {match: [a], symbols: {SPY: 1, VIX: 1}}}\n"
                                + "signal_only: [vix, ' btc-usd ']\n",
                        "test.yaml");
        assertThat(marked.signalOnly()).containsExactlyInAnyOrder("VIX", "BTC-USD");
        assertThat(
                        EventMap.parse(
                                        "version: 1\ngroups: {g: {match: [a], symbols: {SPY: 1}}}",
                                        "test.yaml")
                                .signalOnly())
                .isEmpty();
        // the bundled map: VIX is an index, a measure of expected volatility nobody can buy
        assertThat(DEFAULT.signalOnly()).containsExactly("VIX");
        EventMap copy =
                InstantiationUtil.deserializeObject(
                        InstantiationUtil.serializeObject(marked), getClass().getClassLoader());
        assertThat(copy.signalOnly()).isEqualTo(marked.signalOnly());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        EventMap copy =
                InstantiationUtil.deserializeObject(
                        InstantiationUtil.serializeObject(DEFAULT), getClass().getClassLoader());
        assertThat(copy.groups()).isEqualTo(DEFAULT.groups());
        assertThat(copy.match("FOMC-2024-03:cut25").name()).isEqualTo("fed_cut");
    }

    @Test
    void loadsFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("markets.yaml");
        Files.writeString(file, "version: 1\ngroups:\n  g: {match: [a*], symbols: {SPY: 2}}\n");
        assertThat(EventMap.load(file).exposures("abc"))
                .containsExactly(new Exposure("g", "SPY", 2.0));
        assertThat(EventMap.load(file).origin()).isEqualTo(file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown top-level key | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 1}}}\\nextra: 1"
                        + " | test.yaml: unknown top-level key 'extra'",
                "unsupported version | version: 2\\ngroups: {g: {match: [a], symbols: {SPY: 1}}}"
                        + " | test.yaml: version: unsupported version '2', expected 1",
                "missing version | groups: {g: {match: [a], symbols: {SPY: 1}}}"
                        + " | test.yaml: version: unsupported version (missing), expected 1",
                "empty match | version: 1\\ngroups: {g: {match: [], symbols: {SPY: 1}}}"
                        + " | test.yaml: group 'g': match: required, a non-empty list of patterns",
                "bad pattern | version: 1\\ngroups: {g: {match: [a, 'FOMC-?'], symbols: {SPY: 1}}}"
                        + " | test.yaml: group 'g': match[1]: bad pattern 'FOMC-?'",
                "empty pattern | version: 1\\ngroups: {g: {match: [''], symbols: {SPY: 1}}}"
                        + " | test.yaml: group 'g': match[0]: bad pattern ''",
                "text sensitivity | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: high}}}"
                        + " | test.yaml: group 'g': symbols.SPY: sensitivity must be a finite number, got 'high'",
                // Jackson's YAML parser refuses .nan/.inf itself; the message still gives the line
                "yaml nan sensitivity | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: .nan}}}"
                        + " | test.yaml: line 2: not valid YAML: Malformed numeric value '.nan'",
                "yaml infinite sensitivity | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: .inf}}}"
                        + " | test.yaml: line 2: not valid YAML: Malformed numeric value '.inf'",
                "text nan sensitivity | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 'NaN'}}}"
                        + " | test.yaml: group 'g': symbols.SPY: sensitivity must be a finite number, got 'NaN'",
                "huge sensitivity | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 1e999}}}"
                        + " | test.yaml: group 'g': symbols.SPY: sensitivity must be a finite number",
                "symbol pattern | version: 1\\ngroups: {g: {match: [a], symbols: {'ZQ*': 1}}}"
                        + " | test.yaml: group 'g': symbols: bad symbol 'ZQ*' (exact symbols, no patterns)",
                "unknown group key | version: 1\\ngroups: {g: {match: [a], symbol: {SPY: 1}}}"
                        + " | test.yaml: group 'g': unknown key 'symbol'",
                "no symbols | version: 1\\ngroups: {g: {match: [a]}}"
                        + " | test.yaml: group 'g': symbols: required",
                "duplicate group | version: 1\\ngroups:\\n  g: {match: [a], symbols: {SPY: 1}}\\n  g: {match: [b], symbols: {SPY: 1}}"
                        + " | duplicate group 'g'",
                "duplicate symbol | version: 1\\ngroups:\\n  g: {match: [a], symbols: {SPY: 1, SPY: 2}}"
                        + " | duplicate key 'SPY' in groups.g.symbols",
                "not a mapping | - a\\n- b | test.yaml: expected a mapping",
                "signal_only not a list | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 1}}}\\nsignal_only: VIX"
                        + " | test.yaml: signal_only: expected a list of symbols",
                "signal_only pattern | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 1}}}\\nsignal_only: [VIX, 'ZQ*']"
                        + " | test.yaml: signal_only[1]: bad symbol 'ZQ*' (exact symbols, no patterns)",
                "signal_only twice | version: 1\\ngroups: {g: {match: [a], symbols: {SPY: 1}}}\\nsignal_only: [VIX, vix]"
                        + " | test.yaml: signal_only: VIX is listed twice",
            })
    void rejectsBadMapsNamingFileGroupAndField(String name, String yaml, String message) {
        assertThatThrownBy(() -> EventMap.parse(yaml.replace("\\n", "\n"), "test.yaml"))
                .isInstanceOf(EventMapException.class)
                .hasMessageStartingWith("test.yaml: ")
                .hasMessageContaining(message.trim());
    }

    private static java.util.stream.Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
