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
 * order (one partition), stamped with the record's event time, and headed {@code schema:
 * <name>/<version>} so that consumers can tell the format.
 */
public final class JsonTopicSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** Header naming the message format, e.g. {@code decision/1}. */
    public static final String SCHEMA_HEADER = "schema";

    private final String topic;
    private final String schema;
    @Nullable private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, String> value;
    private final SerializableFunction<T, Long> eventTime;

    /**
     * @param schema e.g. {@code decision/1}
     * @param key the message key, or {@code null} for none
     * @param eventTime the message timestamp; may return {@code null} (the producer's clock)
     */
    public JsonTopicSerializer(
            String topic,
            String schema,
            @Nullable SerializableFunction<T, String> key,
            SerializableFunction<T, String> value,
            SerializableFunction<T, Long> eventTime) {
        this.topic = topic;
        this.schema = schema;
        this.key = key;
        this.value = value;
        this.eventTime = eventTime;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        List<Header> headers =
                List.of(new RecordHeader(SCHEMA_HEADER, schema.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(
                topic,
                null,
                eventTime.apply(element),
                key == null ? null : key.apply(element).getBytes(StandardCharsets.UTF_8),
                value.apply(element).getBytes(StandardCharsets.UTF_8),
                headers);
    }
}
