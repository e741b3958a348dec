package io.battleroyale.functions.meta;

import io.battleroyale.functions.agents.AgentCatalog;
import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.model.ArmState;
import io.battleroyale.model.BanditState;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.Side;
import io.battleroyale.model.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThompsonMetaAgentTest {

    static final long T0 = 1_700_000_000_000L;
    static final long DAY = 86_400_000L;

    static MarketSnapshot bar(String symbol, long index, double close) {
        PriceBar bar = new PriceBar(symbol, T0 + index * DAY, DAY, close, close, close, close, 1);
        return new MarketSnapshot(symbol, index, bar, List.of(), List.of());
    }

    static Signal signal(MarketSnapshot s, String agent, Side side) {
        return new Signal(
                agent, s.symbol(), s.decisionTs(), s.barIndex(), side, 0.5, "why", Map.of());
    }

    static ThompsonMetaAgent agent(int horizon, double forget) {
        return new ThompsonMetaAgent(
                new ThompsonMetaAgent.Params(
                        42,
                        horizon,
                        0,
                        forget,
                        1,
                        1,
                        new RegimeClassifier(10, 100, 1.25, 5, 0.05)));
    }

    @Test
    void attributesItsChoiceToTheArmAgainstAnEvenPick() {
        ThompsonMetaAgent meta = agent(1, 1);
        ThompsonMetaAgent.State state = meta.initialState();
        // trend right twice, meanrev wrong twice: trend's posterior is Beta(3,1), meanrev's
        // Beta(1,3)
        for (int i = 0; i < 2; i++) {
            MarketSnapshot b = bar("SPY", i, 100 + i);
            meta.choose(
                    b,
                    List.of(signal(b, "trend", Side.BUY), signal(b, "meanrev", Side.SELL)),
                    state);
        }
        MarketSnapshot b2 = bar("SPY", 2, 102);
        Signal chosen =
                meta.choose(
                                b2,
                                List.of(
                                        signal(b2, "trend", Side.BUY),
                                        signal(b2, "meanrev", Side.SELL)),
                                state)
                        .orElseThrow();
        String key = "follow." + (chosen.side() == Side.BUY ? "trend" : "meanrev");
        assertThat(chosen.attribution()).containsOnlyKeys(key);
        // P(best) of the chosen arm, explained against 1/2: what the posteriors added
        assertThat(chosen.score()).isEqualTo(chosen.confidence());
        assertThat(chosen.baseline()).isEqualTo(0.5);
        assertThat(chosen.attribution().get(key)).isEqualTo(chosen.score() - 0.5);
        assertThat(chosen.rationale()).contains("Beta(");
    }

    @Test
    void abstainsWhenNoSubAgentSpoke() {
        ThompsonMetaAgent meta = agent(1, 1);
        ThompsonMetaAgent.State state = meta.initialState();
        assertThat(meta.choose(bar("SPY", 0, 100), List.of(), state)).isEmpty();
        MarketSnapshot b1 = bar("SPY", 1, 101);
        assertThat(meta.choose(b1, List.of(signal(b1, "meta", Side.BUY)), state)).isEmpty();
    }

    @Test
    void scoresASignalOnceItsHorizonPassedInTheRegimeItWasGivenIn() {
        ThompsonMetaAgent meta = agent(2, 1);
        ThompsonMetaAgent.State state = meta.initialState();
        MarketSnapshot b0 = bar("SPY", 0, 100);
        Optional<Signal> followed =
                meta.choose(
                        b0,
                        List.of(signal(b0, "trend", Side.BUY), signal(b0, "meanrev", Side.SELL)),
                        state);
        assertThat(followed).isPresent();
        assertThat(followed.get().agent()).isEqualTo("meta");
        meta.choose(bar("SPY", 1, 90), List.of(), state);
        assertThat(state.scored).isZero(); // horizon 2 not reached
        meta.choose(bar("SPY", 2, 103), List.of(), state);

        // +3%: trend's BUY was right, meanrev's SELL wrong, both in calm/quiet at bar 0
        assertThat(state.scored).isEqualTo(2);
        ArmCounts trend = state.arms.get("calm/quiet|trend");
        ArmCounts meanrev = state.arms.get("calm/quiet|meanrev");
        assertThat(trend.alpha).isEqualTo(2.0);
        assertThat(trend.beta).isEqualTo(1.0);
        assertThat(meanrev.alpha).isEqualTo(1.0);
        assertThat(meanrev.beta).isEqualTo(2.0);
        assertThat(state.pending).isEmpty();
    }

    @Test
    void aReturnThatDoesNotCoverTheCostIsWrong() {
        ThompsonMetaAgent meta =
                new ThompsonMetaAgent(
                        new ThompsonMetaAgent.Params(
                                1, 1, 10, 1, 1, 1, new RegimeClassifier(10, 100, 1.25, 5, 0.05)));
        ThompsonMetaAgent.State state = meta.initialState();
        MarketSnapshot b0 = bar("SPY", 0, 100);
        meta.choose(b0, List.of(signal(b0, "trend", Side.BUY)), state);
        meta.choose(bar("SPY", 1, 100.05), List.of(), state); // +5 bps < 10 bps cost
        assertThat(state.arms.get("calm/quiet|trend").beta).isEqualTo(2.0);
    }

    @Test
    void forgettingPullsCountsBackTowardThePrior() {
        ThompsonMetaAgent meta = agent(1, 0.5);
        ThompsonMetaAgent.State state = meta.initialState();
        for (int i = 0; i < 3; i++) {
            MarketSnapshot b = bar("SPY", i, 100 + i);
            meta.choose(b, List.of(signal(b, "trend", Side.BUY)), state);
        }
        // right twice: (1,1) -> decay (1,1), +1 -> (2,1) -> decay (1 + 0.5 * 1, 1), +1 -> (2.5,1)
        ArmCounts trend = state.arms.get("calm/quiet|trend");
        assertThat(trend.alpha).isCloseTo(2.5, within(1e-12));
        assertThat(trend.beta).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theChoiceIsReproducibleAndTheRationaleNamesRegimeWhomAndWhy() {
        ThompsonMetaAgent meta = agent(1, 1);
        ThompsonMetaAgent.State one = meta.initialState();
        ThompsonMetaAgent.State two = meta.initialState();
        Signal last1 = null;
        Signal last2 = null;
        for (int i = 0; i < 60; i++) {
            MarketSnapshot b = bar("SPY", i, 100 + (i % 2 == 0 ? 1 : -1));
            // "event" is always right on this zig-zag, "trend" always wrong
            Side up = i % 2 == 0 ? Side.SELL : Side.BUY;
            Side down = up == Side.BUY ? Side.SELL : Side.BUY;
            List<Signal> subs = List.of(signal(b, "event", up), signal(b, "trend", down));
            last1 = meta.choose(b, subs, one).orElseThrow();
            last2 = meta.choose(b, subs, two).orElseThrow();
        }
        assertThat(last1).isEqualTo(last2);
        assertThat(last1.rationale())
                .startsWith("regime ")
                .containsPattern(
                        "^regime (calm|volatile)/quiet: followed event (BUY|SELL) \\(P\\(best\\)=1\\.00,"
                                + " Beta\\(\\d+,1\\)\\) over trend \\(0\\.00\\)$");
    }

    @Test
    void beliefsAreEmittedWhenPosteriorsChangeNotEveryBar() {
        ThompsonMetaAgent meta = agent(1, 1);
        ThompsonMetaAgent.State state = meta.initialState();
        MarketSnapshot b0 = bar("SPY", 0, 100);
        meta.choose(
                b0, List.of(signal(b0, "trend", Side.BUY), signal(b0, "fed", Side.SELL)), state);
        assertThat(meta.beliefs(b0, state)).isEmpty(); // nothing scored yet
        MarketSnapshot b1 = bar("SPY", 1, 101);
        meta.choose(b1, List.of(), state);
        List<BanditState> beliefs = meta.beliefs(b1, state);
        assertThat(beliefs)
                .singleElement()
                .satisfies(b -> assertThat(b.regime()).isEqualTo("calm/quiet"));
        List<ArmState> arms = beliefs.get(0).arms();
        assertThat(arms).extracting(ArmState::agent).containsExactly("fed", "trend");
        ArmState trend = arms.get(1);
        assertThat(trend.mean()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(trend.lower()).isLessThan(trend.mean());
        assertThat(trend.upper()).isGreaterThan(trend.mean());
        // Beta(2,1): the 5% quantile is sqrt(0.05) = 0.224, the 95% one sqrt(0.95) = 0.975
        assertThat(trend.lower()).isCloseTo(Math.sqrt(0.05), within(0.03));
        assertThat(trend.upper()).isCloseTo(Math.sqrt(0.95), within(0.01));
        // P(Beta(2,1) > Beta(1,2)) = 5/6
        assertThat(trend.probabilityBest()).isCloseTo(5.0 / 6, within(0.03));
        assertThat(arms.get(0).probabilityBest() + trend.probabilityBest())
                .isCloseTo(1.0, within(1e-9));

        MarketSnapshot b2 = bar("SPY", 2, 102);
        meta.choose(b2, List.of(), state);
        assertThat(meta.beliefs(b2, state)).isEmpty(); // no change, no line
    }

    @Test
    void theCatalogBuildsItAsMetaAndKeepsTheLeaderBaseline() {
        assertThat(AgentCatalog.createMeta(AgentSpecs.parse("meta:seed=3,horizon=2").get(0)))
                .isInstanceOf(ThompsonMetaAgent.class);
        assertThat(AgentCatalog.createMeta(AgentSpecs.parse("leader").get(0)).name())
                .isEqualTo("leader");
    }
}
