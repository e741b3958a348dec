package io.battleroyale.sources.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.battleroyale.model.RejectedInput;
import io.battleroyale.sources.files.CsvRow;
import io.battleroyale.sources.files.CsvSchema;
import io.battleroyale.sources.files.RowOrder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON message (schema {@value #VERSION}, docs/kafka.md) into a record, or into a
 * rejection that names the field and the reason: a bad message never fails the job.
 *
 * <p>The fields are the columns of the backtest file of the same kind and pass the very same checks
 * ({@link CsvSchema}); {@code "version"} is required. Numbers are JSON numbers (text holding a
 * number is accepted, as in a file); unknown fields are ignored, so producers may add some. Within
 * a partition, a symbol's bars move forward in time, as in a file ({@link RowOrder}).
 */
public final class JsonRecordDeserializer<T>
        implements KafkaRecordDeserializationSchema<CsvRow<T>> {

    private static final long serialVersionUID = 1L;

    /** The message schema this build reads. */
    public static final int VERSION = 1;

    /** A refused message keeps at most this much of its text. */
    static final int RAW_LIMIT = 4096;

    private final CsvSchema<T> schema;
    private final TypeInformation<CsvRow<T>> producedType;
    private transient ObjectMapper json;
    private transient Map<Integer, RowOrder<T>> orders;

    public JsonRecordDeserializer(CsvSchema<T> schema, TypeInformation<CsvRow<T>> producedType) {
        this.schema = schema;
        this.producedType = producedType;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<CsvRow<T>> out) {
        String raw =
                message.value() == null ? "" : new String(message.value(), StandardCharsets.UTF_8);
        String reason;
        try {
            T value = parse(raw, message.value() == null);
            reason = order(message.partition()).check(value);
            if (reason == null) {
                out.collect(CsvRow.accepted(message.offset(), value));
                return;
            }
        } catch (CsvSchema.Reject reject) {
            reason = reject.getMessage();
        } catch (Invalid invalid) {
            reason = invalid.getMessage();
        }
        String origin = message.topic() + "-" + message.partition() + "@" + message.offset();
        String kept = raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) + "…" : raw;
        out.collect(CsvRow.refused(new RejectedInput(origin, 0, reason, kept)));
    }

    private T parse(String raw, boolean tombstone) throws CsvSchema.Reject, Invalid {
        if (tombstone) {
            throw new Invalid("value: empty (a tombstone)");
        }
        JsonNode root;
        try {
            root = json().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new Invalid("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("expected a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null) {
            throw new Invalid("version: missing (expected " + VERSION + ")");
        }
        if (!version.canConvertToExactIntegral() || version.asInt() != VERSION) {
            throw new Invalid(
                    "version: " + version + " not supported (this build reads " + VERSION + ")");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String column : schema.columns()) {
            JsonNode value = root.get(column);
            if (value == null) {
                continue; // the schema names it as missing, in column order
            }
            if (!value.isNumber() && !value.isTextual()) {
                throw new Invalid(column + ": expected a number or text, got " + value);
            }
            fields.put(column, value.asText());
        }
        return schema.parse(fields);
    }

    /** A partition holds a symbol's bars in order, as a file does (docs/kafka.md). */
    private RowOrder<T> order(int partition) {
        if (orders == null) {
            orders = new HashMap<>();
        }
        return orders.computeIfAbsent(partition, p -> new RowOrder<>(schema));
    }

    private ObjectMapper json() {
        if (json == null) {
            json = JsonMapper.builder().build();
        }
        return json;
    }

    @Override
    public TypeInformation<CsvRow<T>> getProducedType() {
        return producedType;
    }

    /** A message that is not a record of this schema at all. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
