package io.battleroyale.job;

/**
 * The stable operator ids of the battle graph. State in checkpoints and savepoints is matched to
 * operators by these ids: never change one without a state migration.
 */
public final class Uids {
    public static final String PRICES = "prices";
    public static final String PRICE_WINDOW = "price-window";
    public static final String PROBABILITIES = "probabilities";
    public static final String EVENT_FAN_OUT = "event-fan-out";

    /** Prefix: one CEP operator per pattern, e.g. {@code shift-detection-surge}. */
    public static final String SHIFT_DETECTION = "shift-detection";

    public static final String SHIFT_FAN_OUT = "shift-fan-out";
    public static final String SYMBOL_JOIN = "symbol-join";
    public static final String AGENT_ARENA = "agent-arena";
    public static final String LEADERBOARD = "leaderboard";
    public static final String DECISIONS_SINK = "decisions-sink";
    public static final String TRADES_SINK = "trades-sink";
    public static final String FILLS_SINK = "fills-sink";
    public static final String ORDERS_SINK = "orders-sink";
    public static final String EQUITY_SINK = "equity-sink";
    public static final String BANDIT_SINK = "bandit-sink";
    public static final String REJECTED_SINK = "rejected-sink";
    public static final String FLASH_CRASH = "flash-crash-cep";
    public static final String TRADING_PAUSES = "trading-pauses";
    public static final String REJECTIONS_SINK = "rejections-sink";
    public static final String GATEWAY_SINK = "gateway-sink";

    /** run --use-events: live probabilities gated with the synthetic model as fallback. */
    public static final String EVENT_GATE = "event-gate";

    /** stress: the scenario injector in front of the graph. */
    public static final String STRESS_PRICES = "stress-prices";

    public static final String STRESS_PROBABILITIES = "stress-probabilities";

    private Uids() {}
}
