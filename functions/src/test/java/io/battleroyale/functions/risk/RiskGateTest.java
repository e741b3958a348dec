package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;
import io.battleroyale.model.RiskRejection;
import io.battleroyale.model.Side;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static io.battleroyale.functions.risk.RiskFixtures.MINUTE;
import static io.battleroyale.functions.risk.RiskFixtures.T0;
import static io.battleroyale.functions.risk.RiskFixtures.bar;
import static io.battleroyale.functions.risk.RiskFixtures.buy;
import static org.assertj.core.api.Assertions.assertThat;

class RiskGateTest {

    private static final RiskLimits TIGHT =
            RiskLimits.parse(
                    "max_position=100,max_gross_exposure=50000,max_order_notional=100000,"
                            + "price_band=5%,max_data_age=5m,max_orders=2,order_rate_window=1m,"
                            + "max_drawdown=20%,circuit_breaker_drop=5%,circuit_breaker_window=5m,"
                            + "circuit_breaker_cooldown=15m");

    @Test
    void listsEveryFailedRuleWithItsNumbers() {
        RiskGate gate = new RiskGate(TIGHT);
        RiskState state = new RiskState();
        gate.onBar(state, bar("SPY", T0, 600));
        gate.onEquity(state, "trend", 100_000, T0);
        gate.onEquity(state, "trend", 70_000, T0 + 1);
        state.pause("SPY", T0 + 30 * MINUTE);
        state.agent("trend").orderTimestamps.add(T0 + 10 * MINUTE - 30_000);
        state.agent("trend").orderTimestamps.add(T0 + 10 * MINUTE - 30_000);

        Order order = buy("trend", "SPY", 250, 609.20, T0 + 10 * MINUTE);
        Optional<RiskRejection> rejection = gate.check(order, state);

        assertThat(rejection).isPresent();
        assertThat(rejection.get().order()).isEqualTo(order);
        assertThat(rejection.get().reasons())
                .containsExactly(
                        "max_drawdown: agent trend is halted (drawdown 30.00% from peak"
                                + " 100,000.00 to 70,000.00 > limit 20.00% at "
                                + (T0 + 1)
                                + ")",
                        "circuit_breaker: SPY paused until "
                                + (T0 + 30 * MINUTE)
                                + ", order at "
                                + (T0 + 10 * MINUTE)
                                + " (1200000 ms early)",
                        "max_data_age: SPY last bar ended 10m (600000 ms) before the order > limit 5m",
                        "max_order_notional: 152,300.00 > limit 100,000.00",
                        "max_position: SPY position 0 + 250 = 250, |250| > limit 100",
                        "max_gross_exposure: agent trend 0.00 -> 150,000.00 > limit 50,000.00",
                        "order_rate: agent trend 3 orders in 1m > limit 2");
    }

    @Test
    void approvesAnOrderThatBreaksNoRuleAndCheckChangesNoState() {
        RiskGate gate = new RiskGate(TIGHT);
        RiskState state = new RiskState();
        gate.onBar(state, bar("SPY", T0, 600));
        Order order = buy("trend", "SPY", 10, 601, T0);

        assertThat(gate.check(order, state)).isEmpty();
        assertThat(gate.check(order, state)).isEmpty();
        assertThat(state.agents).isEmpty(); // check() is pure: nothing was created or counted

        gate.recordOrder(state, order);
        assertThat(state.agent("trend").position("SPY")).isEqualTo(10);
        assertThat(state.agent("trend").orderTimestamps).containsExactly(T0);
    }

    @Test
    void noneApprovesEverything() {
        RiskGate gate = new RiskGate(RiskLimits.none());
        assertThat(gate.rules()).isEmpty();
        RiskState state = new RiskState();
        state.pause("SPY", Long.MAX_VALUE);
        gate.onEquity(state, "trend", 1_000_000, T0);
        assertThat(gate.onEquity(state, "trend", 1, T0 + 1)).isFalse(); // no kill switch
        assertThat(gate.isHalted(state, "trend")).isFalse();

        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            Order order =
                    new Order(
                            "id-" + i,
                            random.nextBoolean() ? "trend" : "meanrev",
                            random.nextBoolean() ? "SPY" : "NEWSYM",
                            random.nextBoolean() ? Side.BUY : Side.SELL,
                            random.nextDouble() * 1e9,
                            T0 + random.nextInt(1_000),
                            i,
                            random.nextDouble() * 1e6);
            assertThat(gate.check(order, state)).as("order %s", i).isEmpty();
            gate.recordOrder(state, order);
        }
        assertThat(state.agent("trend").orderTimestamps).isEmpty(); // no rate rule, no timestamps
    }

    @Test
    void theKillSwitchHaltsAndStaysHalted() {
        RiskGate gate = new RiskGate(RiskLimits.parse("max_drawdown=0.25"));
        RiskState state = new RiskState();
        assertThat(gate.onEquity(state, "trend", 100_000, T0)).isFalse();
        assertThat(gate.onEquity(state, "trend", 80_000, T0 + 1)).isFalse();
        assertThat(gate.onEquity(state, "trend", 74_000, T0 + 2)).isTrue();
        assertThat(gate.isHalted(state, "trend")).isTrue();
        assertThat(gate.isHalted(state, "meanrev")).isFalse();

        assertThat(gate.onEquity(state, "trend", 150_000, T0 + 3)).isFalse();
        assertThat(gate.isHalted(state, "trend")).isTrue();
        assertThat(gate.check(buy("trend", "SPY", 1, 600, T0 + 4), state).orElseThrow().reasons())
                .singleElement()
                .asString()
                .startsWith("max_drawdown: agent trend is halted (drawdown 26.00%");
        assertThat(gate.check(buy("meanrev", "SPY", 1, 600, T0 + 4), state)).isEmpty();
    }

    @Test
    void aLateBarDoesNotMoveTheLastPriceBack() {
        RiskGate gate = new RiskGate(RiskLimits.none());
        RiskState state = new RiskState();
        gate.onBar(state, bar("SPY", T0 + MINUTE, 610));
        gate.onBar(state, bar("SPY", T0, 600));
        assertThat(state.market("SPY").lastPrice).isEqualTo(610);
        assertThat(state.market("SPY").lastBarEndTs).isEqualTo(T0 + MINUTE);
    }

    @Test
    void defaultsLetAnOrdinaryOrderThrough() {
        RiskGate gate = new RiskGate(RiskLimits.defaults());
        RiskState state = new RiskState();
        gate.onBar(state, bar("SPY", T0, 600));
        gate.onEquity(state, "trend", 100_000, T0);
        assertThat(gate.check(buy("trend", "SPY", 160, 600, T0), state)).isEmpty();
        assertThat(gate.rules())
                .extracting(RiskRule::key)
                .containsExactly(
                        "max_drawdown",
                        "circuit_breaker",
                        "max_data_age",
                        "price_band",
                        "max_order_notional",
                        "max_position",
                        "max_gross_exposure",
                        "order_rate");
    }
}
