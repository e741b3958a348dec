package io.battleroyale.sources.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes each record as one JSON message to one topic: keyed so that one key's messages keep their
 * order (one partition), and headed {@code schema: <name>/<version>} so that consumers can tell the
 * format.
 *
 * <p>The message timestamp is the producer's clock, never the record's event time, which is in the
 * payload: a broker's time-based retention counts from the message timestamp, and would delete a
 * backtest's messages from 2023 within minutes of their writing.
 */
public final class JsonTopicSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** Header naming the message format, e.g. {@code decision/1}. */
    public static final String SCHEMA_HEADER = "schema";

    private final String topic;
    private final String schema;
    @Nullable private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> value;

    /**
     * @param schema e.g. {@code decision/1}
     * @param key the message key, or {@code null} for none
     */
    public JsonTopicSerializer(
            String topic,
            String schema,
            @Nullable SerializableFunction<T, String> key,
            SerializableFunction<T, String> value) {
        this.topic = topic;
        this.schema = schema;
        this.key = key;
        this.value = value;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        List<Header> headers =
                List.of(new RecordHeader(SCHEMA_HEADER, schema.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(
                topic,
                null,
                null, // the producer's clock
                key == null ? null : key.apply(element).getBytes(StandardCharsets.UTF_8),
                value.apply(element).getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
