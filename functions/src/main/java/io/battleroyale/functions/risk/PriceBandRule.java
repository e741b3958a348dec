package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Optional;

/**
 * {@code price_band}: the fat-finger check. An order's reference price must lie within a fraction
 * of the symbol's last close. Without a last close the rule cannot judge and passes; {@link
 * StaleMarketDataRule} refuses orders on symbols with no bar seen.
 */
public final class PriceBandRule implements RiskRule {
    private final double band;

    public PriceBandRule(double band) {
        this.band = band;
    }

    @Override
    public String key() {
        return "price_band";
    }

    @Override
    public Optional<String> check(Order order, RiskState state) {
        SymbolMarket m = state.markets.get(order.symbol());
        if (m == null || !(m.lastPrice > 0)) {
            return Optional.empty();
        }
        double price = order.referencePrice();
        double distance = Math.abs(price - m.lastPrice) / m.lastPrice;
        if (!(distance <= band)) {
            return Optional.of(
                    key()
                            + ": "
                            + order.symbol()
                            + " price "
                            + RiskRule.amount(price)
                            + " is "
                            + RiskRule.percent(distance)
                            + " from last "
                            + RiskRule.amount(m.lastPrice)
                            + " > limit "
                            + RiskRule.percent(band));
        }
        return Optional.empty();
    }
}
