package io.battleroyale.job.cli;

import io.battleroyale.job.BattleJob;
import io.battleroyale.job.kafka.KafkaBus;
import io.battleroyale.job.kafka.KafkaTopics;
import io.battleroyale.sources.kafka.KafkaConnection;
import io.battleroyale.sources.kafka.KafkaReplay;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

/** {@code --kafka BOOTSTRAP [--kafka-in] [--kafka-out]}: the battle on a Kafka bus. */
final class KafkaOptions {

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = {
                "Kafka brokers (host:port,...). Alone: market data in from Kafka and results out"
                        + " to Kafka; with --kafka-in or --kafka-out only that side.",
                "In: JSON messages (docs/kafka.md), bad ones to the dead-letter topic. Out: one"
                        + " topic per stream, exactly once: consumers must read with"
                        + " isolation.level=read_committed."
            })
    @Nullable
    String bootstrap;

    @Option(
            names = "--kafka-in",
            description = "Prices and probabilities from Kafka topics (needs --kafka).")
    boolean in;

    @Option(
            names = "--kafka-out",
            description =
                    "Decisions, orders, fills, risk rejections, leaderboard rows and bandit states"
                            + " also to Kafka topics (needs --kafka); the files are still written.")
    boolean out;

    @Option(
            names = "--kafka-topics",
            paramLabel = "STREAM=TOPIC,...",
            description = {
                "Rename topics. Streams: prices, probabilities, dead-letters, decisions, orders,"
                        + " fills, rejections, leaderboard, bandit.",
                "Default: battle.<stream> (rejections: battle.risk-rejections)."
            })
    @Nullable
    String topics;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description =
                    "Kafka client settings (security.protocol, sasl.jaas.config, ...) for every"
                            + " client, e.g. a mounted Secret. Never printed.")
    @Nullable
    Path properties;

    @Option(
            names = "--kafka-group",
            defaultValue = "battle-royale",
            paramLabel = "ID",
            description = "Consumer group of the input topics. Default: ${DEFAULT-VALUE}.")
    String group;

    @Option(
            names = "--kafka-transactional-id-prefix",
            paramLabel = "PREFIX",
            description = {
                "Prefix of the output transactions: unique per job, the same when it is restored.",
                "Default: derived from the output folder (battle-<folder>-<hash of its path>)."
            })
    @Nullable
    String transactionalIdPrefix;

    @Option(
            names = "--kafka-out-of-orderness",
            defaultValue = "5s",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "How late (event time) a message may come after a later one of its partition. Default: ${DEFAULT-VALUE}.")
    Duration outOfOrderness;

    @Option(
            names = "--kafka-idle-timeout",
            defaultValue = "1m",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "An input partition quiet this long stops holding event time back (live reads only). Default: ${DEFAULT-VALUE}.")
    Duration idleTimeout;

    boolean readsKafka() {
        check();
        return bootstrap != null && (in || !out);
    }

    boolean writesKafka() {
        check();
        return bootstrap != null && (out || !in);
    }

    private void check() {
        if (bootstrap == null && (in || out)) {
            throw new IllegalArgumentException(
                    (in ? "--kafka-in" : "--kafka-out") + " needs --kafka BOOTSTRAP");
        }
        if (properties != null && !Files.isRegularFile(properties)) {
            throw new IllegalArgumentException("--kafka-properties: no such file: " + properties);
        }
    }

    /** The bus of a job writing to {@code out}. */
    KafkaBus bus(Path out) {
        check();
        KafkaConnection connection = KafkaConnection.of(bootstrap);
        if (properties != null) {
            connection = connection.withPropertiesFile(properties);
        }
        KafkaTopics named =
                topics == null ? KafkaTopics.DEFAULTS : KafkaTopics.DEFAULTS.with(topics);
        return new KafkaBus(
                connection,
                named,
                transactionalIdPrefix != null ? transactionalIdPrefix : defaultPrefix(out));
    }

    /** Reading settings: a bounded replay (backtest) or a live read (run). */
    KafkaReplay.Settings reading(boolean bounded) {
        return new KafkaReplay.Settings(
                group, bounded, outOfOrderness, bounded ? null : idleTimeout);
    }

    /** The published streams, or {@code null} without Kafka output. */
    @Nullable
    BattleJob.Published published(Path out) {
        return writesKafka() ? bus(out).published() : null;
    }

    /** Same folder, same prefix: a restore (which needs the same --out) finds its transactions. */
    static String defaultPrefix(Path out) {
        Path absolute = out.toAbsolutePath().normalize();
        String hash = HexFormat.of().toHexDigits(absolute.toString().hashCode());
        String name = absolute.getFileName() == null ? "root" : absolute.getFileName().toString();
        return "battle-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + hash;
    }
}
