package io.battleroyale.job.kafka;

import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.function.SerializableFunction;

import io.battleroyale.job.BattleJob;
import io.battleroyale.job.Uids;
import io.battleroyale.job.report.OutputFormats;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.sources.files.Replay;
import io.battleroyale.sources.kafka.ExactlyOnceTopics;
import io.battleroyale.sources.kafka.JsonTopicSerializer;
import io.battleroyale.sources.kafka.KafkaConnection;
import io.battleroyale.sources.kafka.KafkaReplay;

import java.util.List;

/**
 * The battle on a Kafka bus: market data in from two topics, results out to one topic each, exactly
 * once.
 *
 * @param transactionalIdPrefix unique per job, stable across its restores; each sink adds its
 *     stream name
 */
public record KafkaBus(
        KafkaConnection connection, KafkaTopics topics, String transactionalIdPrefix) {

    /** Version of the output message formats, in each message's {@code schema} header. */
    public static final int OUTPUT_VERSION = 1;

    /**
     * Prices and probabilities from their topics; refused messages go to the dead-letter topic
     * (and, like refused file rows, to the job's rejected output).
     */
    public BattleJob.Inputs inputs(StreamExecutionEnvironment env, KafkaReplay.Settings settings) {
        Replay<PriceBar> prices =
                KafkaReplay.prices(env, connection, topics.prices(), settings, Uids.PRICES);
        Replay<ProbabilityTick> probabilities =
                KafkaReplay.probabilities(
                        env, connection, topics.probabilities(), settings, Uids.PROBABILITIES);
        DataStream<RejectedInput> refused = prices.rejected().union(probabilities.rejected());
        refused.sinkTo(
                        KafkaReplay.deadLetters(
                                connection,
                                topics.deadLetters(),
                                transactionalIdPrefix + "-dead-letters"))
                .uid(Uids.DEAD_LETTERS)
                .name("dead letters topic");
        return new BattleJob.Inputs(
                prices.records(),
                probabilities.records(),
                List.of(prices.rejected(), probabilities.rejected()));
    }

    /** Every result stream to its topic, as JSON (the output folder's line formats). */
    public BattleJob.Published published() {
        return new BattleJob.Published(
                sink(
                        "decisions",
                        topics.decisions(),
                        d -> d.signal().symbol(),
                        OutputFormats::decision),
                sink("orders", topics.orders(), o -> o.symbol(), OutputFormats::orderJson),
                sink("fills", topics.fills(), f -> f.symbol(), OutputFormats::fillJson),
                sink(
                        "risk-rejections",
                        topics.rejections(),
                        r -> r.decision().signal().symbol(),
                        OutputFormats::rejection),
                sink(
                        "leaderboard",
                        topics.leaderboard(),
                        r -> r.agent(),
                        OutputFormats::equityJson),
                sink("bandit", topics.bandit(), b -> b.symbol(), OutputFormats::bandit));
    }

    private <T> KafkaSink<T> sink(
            String stream,
            String topic,
            SerializableFunction<T, String> key,
            SerializableFunction<T, String> value) {
        return ExactlyOnceTopics.sink(
                connection,
                transactionalIdPrefix + "-" + stream,
                new JsonTopicSerializer<>(topic, stream + "/" + OUTPUT_VERSION, key, value));
    }
}
