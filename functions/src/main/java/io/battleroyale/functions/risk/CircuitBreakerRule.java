package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Optional;

/**
 * {@code circuit_breaker}: refuses orders on a symbol that a {@link CircuitBreaker#pause} has
 * paused at the order's event time. The pause itself comes from the flash-crash detector.
 */
public final class CircuitBreakerRule implements RiskRule {

    @Override
    public String key() {
        return "circuit_breaker";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        if (state.isPaused(order.symbol(), order.tsEvent())) {
            long until = state.markets.get(order.symbol()).pausedUntil;
            return Optional.of(
                    key()
                            + ": "
                            + order.symbol()
                            + " paused until "
                            + until
                            + ", order at "
                            + order.tsEvent()
                            + " ("
                            + (until - order.tsEvent())
                            + " ms early)");
        }
        return Optional.empty();
    }
}
