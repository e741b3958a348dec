package io.battleroyale.sources.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

import java.time.Duration;
import java.util.Properties;

/**
 * Kafka sinks that deliver exactly once: each checkpoint's messages go out in one Kafka transaction
 * that commits when the checkpoint completes, and a restore aborts what a failed attempt left open.
 * Consumers must read with {@code isolation.level=read_committed}, or they also see messages of
 * aborted attempts.
 */
public final class ExactlyOnceTopics {

    /**
     * Default transaction timeout: the brokers' default maximum ({@code
     * transaction.max.timeout.ms}); it must outlast a checkpoint interval plus a restart.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private ExactlyOnceTopics() {}

    /**
     * @param transactionalIdPrefix unique per job and per sink, and the same when the job is
     *     restored: it is how a restore finds (and aborts) the transactions an earlier attempt left
     *     open
     */
    public static <T> KafkaSink<T> sink(
            KafkaConnection connection,
            String transactionalIdPrefix,
            KafkaRecordSerializationSchema<T> serializer) {
        Properties producer = connection.clientProperties();
        producer.putIfAbsent(
                "transaction.timeout.ms", String.valueOf(TRANSACTION_TIMEOUT.toMillis()));
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(producer)
                .setBootstrapServers(connection.bootstrap())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }
}
