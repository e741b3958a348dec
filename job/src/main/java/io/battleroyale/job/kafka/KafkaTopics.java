package io.battleroyale.job.kafka;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic of every stream the battle reads or publishes (docs/kafka.md). Defaults are {@code
 * battle.<stream>}; {@link #with(String)} renames some.
 */
public record KafkaTopics(
        String prices,
        String probabilities,
        String deadLetters,
        String decisions,
        String orders,
        String fills,
        String rejections,
        String leaderboard,
        String bandit)
        implements Serializable {

    public static final KafkaTopics DEFAULTS =
            new KafkaTopics(
                    "battle.prices",
                    "battle.probabilities",
                    "battle.dead-letters",
                    "battle.decisions",
                    "battle.orders",
                    "battle.fills",
                    "battle.risk-rejections",
                    "battle.leaderboard",
                    "battle.bandit");

    /** Stream name → topic, in the order above; the names {@link #with(String)} accepts. */
    public Map<String, String> byStream() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("prices", prices);
        all.put("probabilities", probabilities);
        all.put("dead-letters", deadLetters);
        all.put("decisions", decisions);
        all.put("orders", orders);
        all.put("fills", fills);
        all.put("rejections", rejections);
        all.put("leaderboard", leaderboard);
        all.put("bandit", bandit);
        return all;
    }

    /**
     * These topics with some renamed: {@code stream=topic,...}, e.g. {@code
     * prices=md.bars,decisions=battle.paper.decisions}.
     */
    public KafkaTopics with(String spec) {
        Map<String, String> all = byStream();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String stream = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            String topic = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!all.containsKey(stream)) {
                throw new IllegalArgumentException(
                        "--kafka-topics: unknown stream '"
                                + stream
                                + "'; streams: "
                                + all.keySet());
            }
            if (!topic.matches("[A-Za-z0-9._-]{1,249}")) {
                throw new IllegalArgumentException(
                        "--kafka-topics: "
                                + stream
                                + ": not a Kafka topic name: '"
                                + topic
                                + "' (letters, digits, . _ -)");
            }
            all.put(stream, topic);
        }
        return new KafkaTopics(
                all.get("prices"),
                all.get("probabilities"),
                all.get("dead-letters"),
                all.get("decisions"),
                all.get("orders"),
                all.get("fills"),
                all.get("rejections"),
                all.get("leaderboard"),
                all.get("bandit"));
    }
}
