package io.battleroyale.job;

/**
 * The stable operator ids of the battle graph. State in checkpoints and savepoints is matched to
 * operators by these ids: never change one without a state migration.
 */
public final class Uids {
    public static final String PRICES = "prices";
    public static final String PRICE_WINDOW = "price-window";
    public static final String PROBABILITIES = "probabilities";

    /** Replays: each input beside its reader, never reported idle ({@code NeverIdle}). */
    public static final String PRICES_NEVER_IDLE = "prices-never-idle";

    public static final String PROBABILITIES_NEVER_IDLE = "probabilities-never-idle";

    public static final String TICK_FILTER = "tick-filter";
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

    /** Named after the CEP operator the detector replaced; kept so that uid stays stable. */
    public static final String FLASH_CRASH = "flash-crash-cep";

    public static final String TRADING_PAUSES = "trading-pauses";
    public static final String REJECTIONS_SINK = "rejections-sink";
    public static final String GATEWAY_SINK = "gateway-sink";

    /** --kafka-out: the same streams, published to Kafka topics. */
    public static final String DECISIONS_TOPIC = "decisions-topic";

    public static final String ORDERS_TOPIC = "orders-topic";
    public static final String FILLS_TOPIC = "fills-topic";
    public static final String REJECTIONS_TOPIC = "rejections-topic";
    public static final String LEADERBOARD_TOPIC = "leaderboard-topic";
    public static final String BANDIT_TOPIC = "bandit-topic";

    /** --kafka-in: messages refused at the boundary, to the dead-letter topic. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** run --use-events: live probabilities gated with the synthetic model as fallback. */
    public static final String EVENT_GATE = "event-gate";

    /** stress: the scenario injector in front of the graph. */
    public static final String STRESS_PRICES = "stress-prices";

    public static final String STRESS_PROBABILITIES = "stress-probabilities";

    /** --explain-with gemini: the decisions to explain, the API calls and their file. */
    public static final String EXPLAIN_FILTER = "explain-filter";

    public static final String EXPLAINER = "explainer-gemini";
    public static final String EXPLANATION_COUNTS = "explanation-counts";
    public static final String EXPLANATIONS_SINK = "explanations-sink";

    private Uids() {}
}
