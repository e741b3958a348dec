package io.battleroyale.functions.agents;

import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCatalogTest {

    @Test
    void parsesTheCommandLineSyntax() {
        List<AgentSpec> specs =
                AgentSpecs.parse(
                        "trend:fast=10,slow=30;meanrev:mode=rsi,period=14,lower=30,upper=70;meta");
        assertThat(specs)
                .containsExactly(
                        new AgentSpec("trend", Map.of("fast", "10", "slow", "30")),
                        new AgentSpec(
                                "meanrev",
                                Map.of(
                                        "mode", "rsi", "period", "14", "lower", "30", "upper",
                                        "70")),
                        AgentSpec.of("meta"));
        assertThat(AgentSpecs.format(specs))
                .isEqualTo(
                        "trend:fast=10,slow=30;meanrev:mode=rsi,period=14,lower=30,upper=70;meta");
        assertThat(AgentSpecs.parse(AgentSpecs.format(specs))).isEqualTo(specs);
        assertThat(AgentSpecs.parse(" trend : fast = 5 ; fed ;")).hasSize(2);
    }

    @Test
    void rejectsBadRostersWithUsefulMessages() {
        assertThatThrownBy(() -> AgentSpecs.parse("trend;bogus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown agent 'bogus'; valid names: trend, meanrev, event, fed, script, meta, leader");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:fats=3"))
                .hasMessage("agent 'trend' has no parameter 'fats'; valid keys: fast, slow, short");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:fast=ten"))
                .hasMessage(
                        "agent 'trend': fast=ten is not valid, expected an integer between 1..10000");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:slow=2000000000"))
                .hasMessageContaining("slow=2000000000")
                .hasMessageContaining("1..10000");
        assertThatThrownBy(() -> AgentSpecs.parse("event:fed_threshold=high"))
                .hasMessageContaining("fed_threshold=high");
        assertThatThrownBy(() -> AgentSpecs.parse("meanrev:mode=macd"))
                .hasMessageContaining("expected one of rsi, zscore");
        assertThatThrownBy(() -> AgentSpecs.parse("trend;meta;trend:fast=5"))
                .hasMessageContaining("'trend' is listed twice");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:fast=5,fast=6"))
                .hasMessageContaining("'fast' is given twice");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:fast"))
                .hasMessageContaining("expected key=value");
        assertThatThrownBy(() -> AgentSpecs.parse("trend:fast=30,slow=10"))
                .hasMessageContaining("fast < slow");
        assertThatThrownBy(() -> AgentSpecs.parse("fed:short=yes"))
                .hasMessageContaining("short=yes")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> AgentSpecs.parse(" ; ")).hasMessageContaining("no agents");
    }

    @Test
    void defaultRosterBuildsEveryKind() {
        List<AgentSpec> roster = AgentSpecs.defaultRoster();
        assertThat(roster)
                .extracting(AgentSpec::name)
                .containsExactly("trend", "meanrev", "event", "fed", "meta");
        for (AgentSpec spec : roster) {
            if (AgentCatalog.isMeta(spec.name())) {
                assertThat(AgentCatalog.createMeta(spec).name()).isEqualTo(spec.name());
                assertThatThrownBy(() -> AgentCatalog.create(spec))
                        .hasMessageContaining("createMeta");
            } else {
                Agent<?> agent = AgentCatalog.create(spec);
                assertThat(agent.name()).isEqualTo(spec.name());
                assertThat(agent.initialState()).isInstanceOf(agent.stateType());
                assertThatThrownBy(() -> AgentCatalog.createMeta(spec))
                        .hasMessageContaining("not a meta-agent");
            }
        }
        assertThat(AgentCatalog.isMeta("meta")).isTrue();
        assertThat(AgentCatalog.isMeta("trend")).isFalse();
    }

    @Test
    void createdAgentsUseTheGivenParameters() {
        Agent<?> agent = AgentCatalog.create(AgentSpecs.parse("trend:fast=2,slow=3").get(0));
        Optional<Signal> last = lastSignal(agent, 10, 9, 8, 9, 11);
        assertThat(last.orElseThrow().rationale()).startsWith("SMA2 10.00 crossed above SMA3");
    }

    @Test
    void shortFlagAndHelp() {
        assertThat(AgentSpecs.parse("trend:short=TRUE").get(0).allowShort()).isTrue();
        assertThat(AgentSpec.of("trend").allowShort()).isFalse();
        String help = AgentCatalog.help();
        for (AgentKind kind : AgentCatalog.kinds()) {
            assertThat(help).contains(kind.name() + "  " + kind.description());
            for (ParamSpec p : kind.params()) {
                assertThat(help).contains(p.name() + "=").contains("(default " + p.defaultValue());
            }
        }
    }

    /** Feeds closes to a fresh state of an agent of unknown state type; the last bar's signal. */
    private static <S> Optional<Signal> lastSignal(Agent<S> agent, double... closes) {
        S state = agent.initialState();
        Optional<Signal> last = Optional.empty();
        for (int i = 0; i < closes.length; i++) {
            last = agent.generateSignal(Snapshots.bar(i, closes[i]), state);
        }
        return last;
    }
}
