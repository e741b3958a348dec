package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code max_data_age}: the symbol's last bar (its end) must be at most this old at the order's
 * event time. An order on a symbol with no bar seen fails too.
 */
public final class StaleMarketDataRule implements RiskRule {
    private final long maxAgeMs;

    public StaleMarketDataRule(Duration maxAge) {
        this.maxAgeMs = maxAge.toMillis();
    }

    @Override
    public String key() {
        return "max_data_age";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        SymbolMarket m = state.markets.get(order.symbol());
        if (m == null || !m.hasBar()) {
            return Optional.of(key() + ": no bar seen for " + order.symbol());
        }
        long age = order.tsEvent() - m.lastBarEndTs;
        if (age > maxAgeMs) {
            return Optional.of(
                    key()
                            + ": "
                            + order.symbol()
                            + " last bar ended "
                            + io.battleroyale.model.bounds.Durations.format(Duration.ofMillis(age))
                            + " ("
                            + age
                            + " ms) before the order > limit "
                            + io.battleroyale.model.bounds.Durations.format(
                                    Duration.ofMillis(maxAgeMs)));
        }
        return Optional.empty();
    }
}
