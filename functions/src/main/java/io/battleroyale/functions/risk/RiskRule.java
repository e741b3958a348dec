package io.battleroyale.functions.risk;

import io.battleroyale.model.Order;

import java.util.Locale;
import java.util.Optional;

/**
 * One pre-trade check. Pure: it reads the order and the state and changes neither.
 *
 * <p>A failure is one line that starts with the rule's {@link #key()} and states the numbers, e.g.
 * {@code max_order_notional: 152,300.00 > limit 100,000.00}.
 */
public interface RiskRule {

    /** The rule's config key, also the first word of its rejection reason. */
    String key();

    /** Empty if {@code order} passes, else the reason it fails, with the numbers. */
    Optional<String> check(Order order, RiskState state);

    /** {@code 1234567.891} → {@code 1,234,567.89}. */
    static String amount(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    /** {@code 0.1234} → {@code 12.34%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    /** A quantity without needless zeros: {@code 10}, {@code 0.5}, {@code 1,000}. */
    static String quantity(double q) {
        if (q == Math.rint(q) && Math.abs(q) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) q);
        }
        return String.format(Locale.ROOT, "%,.6f", q).replaceAll("0+$", "");
    }
}
