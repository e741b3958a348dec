package io.battleroyale.sources.kafka;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.CsvRow;
import io.battleroyale.sources.files.CsvSchema;
import io.battleroyale.sources.files.RejectSplitter;
import io.battleroyale.sources.files.Replay;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Price bars and probability ticks from Kafka topics, as JSON messages ({@link
 * JsonRecordDeserializer}), with event time from the payload.
 *
 * <p>Graph per topic, as for a file ({@link CsvReplay}): {@code <uidPrefix>-source} (the {@link
 * KafkaSource}; each partition has its own watermark, bounded out-of-orderness) then {@code
 * <uidPrefix>-split} (valid records on, refused messages to a side output and the {@code
 * rejectedRows} counter). A partition that stays quiet for the idle timeout stops holding the
 * watermark back, so one silent market does not stall the join. Refused messages carry timestamp
 * {@code Long.MIN_VALUE} and never move a watermark.
 */
public final class KafkaReplay {

    /**
     * How a topic is read.
     *
     * @param groupId the consumer group (offsets are committed on checkpoints, for monitoring; the
     *     job's own position lives in its checkpoints)
     * @param bounded {@code true}: from the earliest offset to the latest at start, then the input
     *     ends (a replay); {@code false}: from the group's committed offsets (earliest if none),
     *     forever
     * @param outOfOrderness how far a message may come after a later one of its partition
     * @param idleness a partition without messages this long is idle; {@code null}: never (bounded
     *     replays, which must not skip a slow partition)
     */
    public record Settings(
            String groupId, boolean bounded, Duration outOfOrderness, @Nullable Duration idleness)
            implements Serializable {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private KafkaReplay() {}

    public static Replay<PriceBar> prices(
            StreamExecutionEnvironment env,
            KafkaConnection connection,
            String topic,
            Settings settings,
            String uidPrefix) {
        return read(
                env,
                connection,
                topic,
                settings,
                uidPrefix,
                CsvSchema.PRICES,
                CsvReplay.PRICE_ROW,
                TypeInformation.of(PriceBar.class));
    }

    public static Replay<ProbabilityTick> probabilities(
            StreamExecutionEnvironment env,
            KafkaConnection connection,
            String topic,
            Settings settings,
            String uidPrefix) {
        return read(
                env,
                connection,
                topic,
                settings,
                uidPrefix,
                CsvSchema.PROBABILITIES,
                CsvReplay.PROBABILITY_ROW,
                TypeInformation.of(ProbabilityTick.class));
    }

    private static <T> Replay<T> read(
            StreamExecutionEnvironment env,
            KafkaConnection connection,
            String topic,
            Settings settings,
            String uidPrefix,
            CsvSchema<T> schema,
            TypeInformation<CsvRow<T>> rowType,
            TypeInformation<T> type) {
        KafkaSourceBuilder<CsvRow<T>> builder =
                KafkaSource.<CsvRow<T>>builder()
                        .setProperties(connection.clientProperties())
                        .setBootstrapServers(connection.bootstrap())
                        .setTopics(topic)
                        .setGroupId(settings.groupId())
                        .setClientIdPrefix(settings.groupId() + "-" + uidPrefix)
                        .setDeserializer(new JsonRecordDeserializer<>(schema, rowType))
                        // producers that write in transactions (like this job) are read as
                        // committed
                        .setProperty("isolation.level", "read_committed");
        if (settings.bounded()) {
            builder.setStartingOffsets(OffsetsInitializer.earliest())
                    .setBounded(OffsetsInitializer.latest());
        } else {
            builder.setStartingOffsets(
                    OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        WatermarkStrategy<CsvRow<T>> watermarks =
                WatermarkStrategy.<CsvRow<T>>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner(
                                (row, previous) ->
                                        row.value() == null
                                                ? Long.MIN_VALUE
                                                : schema.eventTime(row.value()));
        if (settings.idleness() != null) {
            watermarks = watermarks.withIdleness(settings.idleness());
        }
        SingleOutputStreamOperator<T> records =
                env.fromSource(builder.build(), watermarks, uidPrefix + " kafka " + topic, rowType)
                        .uid(uidPrefix + "-source")
                        .process(new RejectSplitter<T>(), type)
                        .uid(uidPrefix + "-split")
                        .name(uidPrefix + " rejects");
        return new Replay<>(records, records.getSideOutput(RejectSplitter.REJECTED));
    }

    /**
     * The dead-letter topic: every refused message as {@code {"version":1, "origin":
     * "topic-partition@offset", "reason": ..., "raw": ...}}, exactly once.
     */
    public static KafkaSink<RejectedInput> deadLetters(
            KafkaConnection connection, String topic, String transactionalIdPrefix) {
        return ExactlyOnceTopics.sink(
                connection,
                transactionalIdPrefix,
                new JsonTopicSerializer<>(
                        topic,
                        "dead-letter/" + JsonRecordDeserializer.VERSION,
                        RejectedInput::origin,
                        KafkaReplay::deadLetter));
    }

    static String deadLetter(RejectedInput r) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("version", JsonRecordDeserializer.VERSION);
        letter.put("origin", r.origin());
        letter.put("reason", r.reason());
        letter.put("raw", r.raw());
        try {
            return JSON.writeValueAsString(letter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + r, e);
        }
    }
}
