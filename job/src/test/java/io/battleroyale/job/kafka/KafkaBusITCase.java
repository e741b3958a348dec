package io.battleroyale.job.kafka;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.book.ExecutionSettings;
import io.battleroyale.functions.book.Sizing;
import io.battleroyale.functions.risk.RiskLimits;
import io.battleroyale.job.BattleJob;
import io.battleroyale.job.BattleSettings;
import io.battleroyale.job.Cli;
import io.battleroyale.job.FailOnceAfterACheckpoint;
import io.battleroyale.job.LocalFlink;
import io.battleroyale.job.report.OutputFolder;
import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.operators.arena.ArenaSettings;
import io.battleroyale.operators.join.JoinSettings;
import io.battleroyale.sources.events.EventMap;
import io.battleroyale.sources.files.CsvFormats;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.Replay;
import io.battleroyale.sources.kafka.KafkaConnection;
import io.battleroyale.sources.kafka.KafkaReplay;
import io.battleroyale.sources.synthetic.SyntheticEvent;
import io.battleroyale.sources.synthetic.SyntheticMarketConfig;
import io.battleroyale.sources.synthetic.SyntheticWorld;
import io.battleroyale.sources.testing.FlinkTesting;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real battle graph on a real Kafka broker (KRaft, in this JVM): prices and probabilities in as
 * JSON messages, every result out to its topic exactly once, bad messages to the dead-letter topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaBusITCase {
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, PARALLELISM);

    private static KafkaClusterTestKit kafka;

    @TempDir Path tmp;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka =
                new KafkaClusterTestKit.Builder(
                                new TestKitNodes.Builder()
                                        .setCombined(true)
                                        .setNumBrokerNodes(1)
                                        .setNumControllerNodes(1)
                                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void aBattleFromTopicsDecidesAsTheSameBattleFromFilesAndPublishesEveryResult()
            throws Exception {
        SyntheticMarketConfig market = market(1);
        KafkaTopics topics = topics("trip");
        produce(topics, market);
        Path prices = tmp.resolve("prices.csv");
        Path events = tmp.resolve("probabilities.csv");
        writeCsv(market, prices, events);

        OutputFolder fromFiles = folder("files");
        StreamExecutionEnvironment env = env("files", null);
        Replay<PriceBar> bars = CsvReplay.prices(env, prices, "prices");
        Replay<ProbabilityTick> ticks = CsvReplay.probabilities(env, events, "probabilities");
        BattleJob.wire(
                new BattleJob.Inputs(bars.records(), ticks.records(), List.of()),
                fromFiles.sinks(),
                settings());
        env.execute("from files");

        OutputFolder fromKafka = folder("kafka");
        long published = System.currentTimeMillis();
        KafkaBus bus = new KafkaBus(connection(), topics, "trip-it");
        env = env("kafka", null);
        BattleJob.wire(
                bus.inputs(env, bounded()),
                fromKafka.sinks().withPublished(bus.published()),
                settings());
        env.execute("from kafka");

        List<String> decisions = lines(fromFiles, "decisions.jsonl");
        assertThat(decisions).hasSizeGreaterThan(100);
        assertThat(lines(fromKafka, "decisions.jsonl")).isEqualTo(decisions);
        assertThat(sorted(readCommitted(topics.decisions()))).isEqualTo(sorted(decisions));
        assertThat(readCommitted(topics.orders()))
                .hasSize(lines(fromFiles, "orders.csv").size() - 1);
        assertThat(readCommitted(topics.fills())).hasSize(lines(fromFiles, "fills.csv").size() - 1);
        assertThat(readCommitted(topics.leaderboard()))
                .hasSize(lines(fromFiles, "equity.csv").size() - 1)
                .allSatisfy(m -> assertThat(m).startsWith("{\"ts\":"));
        assertThat(readCommitted(topics.bandit())).hasSize(lines(fromFiles, "bandit.jsonl").size());
        assertThat(readCommitted(topics.deadLetters())).isEmpty();
        // stamped when written, not with the bars' time (January 2026), which a broker's retention
        // would count from
        assertThat(timestamps(topics.decisions())).allMatch(ts -> ts >= published);
    }

    @Test
    @Order(2)
    void theCommandLineBacktestsFromTopicsAsFromFilesAndPublishesExactlyOnce() throws Exception {
        SyntheticMarketConfig market = market(1);
        KafkaTopics topics = topics("cli");
        produce(topics, market);
        Path prices = tmp.resolve("cli-prices.csv");
        Path events = tmp.resolve("cli-probabilities.csv");
        writeCsv(market, prices, events);
        List<String> common =
                List.of(
                        "--agents", "trend:fast=5,slow=20;event;fed;meta",
                        "--shift-window", "60m",
                        "--bar-length", "1m",
                        "--parallelism", String.valueOf(PARALLELISM));

        Path files = tmp.resolve("cli-files");
        List<String> fromFiles = new ArrayList<>(List.of("backtest", "--out", files.toString()));
        fromFiles.addAll(List.of("--prices", prices.toString(), "--events", events.toString()));
        fromFiles.addAll(common);
        Cli fileRun = Cli.run(fromFiles.toArray(String[]::new));
        assertThat(fileRun.exitCode()).as(fileRun.err()).isZero();

        Path kafkaOut = tmp.resolve("cli-kafka");
        StringBuilder names = new StringBuilder();
        topics.byStream().forEach((s, t) -> names.append(s).append('=').append(t).append(','));
        List<String> fromKafka =
                new ArrayList<>(
                        List.of(
                                "backtest",
                                "--out",
                                kafkaOut.toString(),
                                "--kafka",
                                kafka.bootstrapServers(),
                                "--kafka-topics",
                                names.toString()));
        fromKafka.addAll(common);
        Cli kafkaRun = Cli.run(fromKafka.toArray(String[]::new));
        assertThat(kafkaRun.exitCode()).as(kafkaRun.err()).isZero();
        assertThat(kafkaRun.err()).contains("results also go to Kafka at");

        List<String> decisions = Files.readAllLines(files.resolve("decisions.jsonl"));
        assertThat(decisions).hasSizeGreaterThan(100);
        assertThat(Files.readAllLines(kafkaOut.resolve("decisions.jsonl"))).isEqualTo(decisions);
        assertThat(Files.readAllLines(kafkaOut.resolve("trades.csv")))
                .isEqualTo(Files.readAllLines(files.resolve("trades.csv")));
        assertThat(sorted(readCommitted(topics.decisions()))).isEqualTo(sorted(decisions));
        assertThat(readCommitted(topics.fills()))
                .hasSize(Files.readAllLines(files.resolve("fills.csv")).size() - 1);
    }

    @Test
    void aBoundedRunWithCheckpointsCommitsItsLastRecordsToTheTopics() throws Exception {
        KafkaTopics topics = topics("run");
        StringBuilder names = new StringBuilder();
        topics.byStream().forEach((s, t) -> names.append(s).append('=').append(t).append(','));
        Path out = tmp.resolve("run-out");
        Cli run =
                Cli.run(
                        "run",
                        "--epochs",
                        "2",
                        "--checkpoint-interval",
                        "200ms",
                        "--out",
                        out.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-out",
                        "--kafka-topics",
                        names.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // what came after the last periodic checkpoint is committed by the final one
        List<String> decisions = Files.readAllLines(out.resolve("decisions.jsonl"));
        assertThat(decisions).hasSizeGreaterThan(100);
        assertThat(sorted(readCommitted(topics.decisions()))).isEqualTo(sorted(decisions));
        assertThat(readCommitted(topics.leaderboard()))
                .hasSize(Files.readAllLines(out.resolve("equity.csv")).size() - 1);
    }

    // first: after the other tests' transactional jobs, its plain producer was seen to get no
    // acknowledgement from the shared broker within 60 s (cause not found yet)
    @Test
    @Order(1)
    void malformedMessagesGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        SyntheticMarketConfig market = market(1);
        KafkaTopics topics = topics("bad");
        produce(topics, market);
        try (KafkaProducer<String, String> producer = producer()) {
            for (String bad :
                    List.of(
                            "not json at all",
                            "[1,2]",
                            "{\"symbol\":\"SPY\",\"timestamp\":1767625200000}",
                            "{\"version\":2,\"symbol\":\"SPY\"}",
                            "{\"version\":1,\"timestamp\":9223372036854775807,\"symbol\":\"SPY\","
                                    + "\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}",
                            "{\"version\":1,\"timestamp\":1767625200000,\"symbol\":\"SPY\","
                                    + "\"open\":1,\"high\":1,\"low\":2,\"close\":1,\"volume\":1}",
                            // a good bar, but behind SPY's bars before it on the partition
                            "{\"version\":1,\"timestamp\":1767625200000,\"symbol\":\"SPY\","
                                    + "\"open\":1,\"high\":2,\"low\":1,\"close\":1,\"volume\":1}")) {
                producer.send(new ProducerRecord<>(topics.prices(), "SPY", bad));
            }
            producer.send(new ProducerRecord<>(topics.probabilities(), "m", null));
        }
        OutputFolder out = folder("bad");
        KafkaBus bus = new KafkaBus(connection(), topics, "bad-it");
        StreamExecutionEnvironment env = env("bad", null);
        BattleJob.wire(bus.inputs(env, bounded()), out.sinks(), settings());
        env.execute("dead letters");

        List<String> letters = readCommitted(topics.deadLetters());
        assertThat(letters).hasSize(8);
        assertThat(String.join("\n", letters))
                .contains("\"reason\":\"not JSON: ")
                .contains("\"reason\":\"expected a JSON object\"")
                .contains("\"reason\":\"version: missing (expected 1)\"")
                .contains("\"reason\":\"version: 2 not supported (this build reads 1)\"")
                .contains(
                        "\"reason\":\"timestamp: 9223372036854775807 is outside the time"
                                + " window [1970-01-01, 2200-01-01)")
                .contains("\"reason\":\"high: 1.0 is below low 2.0\"")
                .contains("\"reason\":\"value: empty (a tombstone)\"")
                .contains(
                        "\"reason\":\"timestamp: 1767625200000 of SPY is not after its previous bar")
                .contains("\"origin\":\"" + topics.prices() + "-");
        assertThat(lines(out, "rejected.csv")).hasSize(1 + 8);
        assertThat(lines(out, "decisions.jsonl")).as("good bars still traded").isNotEmpty();
    }

    @Test
    void aFailedAndRestoredRunLeavesReadCommittedConsumersExactlyTheFailureFreeRecords()
            throws Exception {
        FailOnceAfterACheckpoint.reset();
        SyntheticMarketConfig market = market(2);
        KafkaTopics input = topics("eo");
        produce(input, market);
        KafkaTopics clean = outputs(input, "eo-clean");
        run(input, clean, false);
        assertThat(FailOnceAfterACheckpoint.FAILED).isFalse();

        KafkaTopics restored = outputs(input, "eo-restored");
        FailOnceAfterACheckpoint.CHECKPOINTS_COMPLETED.set(0);
        run(input, restored, true);
        assertThat(FailOnceAfterACheckpoint.FAILED).as("the injected failure happened").isTrue();

        for (Map.Entry<String, String> stream : clean.byStream().entrySet()) {
            String name = stream.getKey();
            if (name.equals("prices") || name.equals("probabilities")) {
                continue;
            }
            List<String> want = sorted(readCommitted(stream.getValue()));
            List<String> got = sorted(readCommitted(restored.byStream().get(name)));
            assertThat(got).as(name).isEqualTo(want).doesNotHaveDuplicates();
        }
        assertThat(readCommitted(clean.decisions())).hasSizeGreaterThan(500);
        assertThat(read(restored.decisions(), "read_uncommitted").size())
                .as("the failed attempt wrote decisions that were then aborted")
                .isGreaterThan(readCommitted(restored.decisions()).size());
    }

    private void run(KafkaTopics input, KafkaTopics output, boolean fail) throws Exception {
        String name = output.decisions();
        StreamExecutionEnvironment env = env(name, Duration.ofMillis(150));
        KafkaBus bus = new KafkaBus(connection(), output, name);
        BattleJob.Inputs in =
                new KafkaBus(connection(), input, name + "-in").inputs(env, bounded());
        BattleJob.Inputs failing =
                new BattleJob.Inputs(
                        in.prices()
                                .map(new FailOnceAfterACheckpoint(fail))
                                .uid("fail-once")
                                .name("fail once after a checkpoint"),
                        // no second bounded source: one that finished long before the other
                        // cannot be restored in Flink 2.2 (docs/operations.md)
                        BattleJob.noProbabilities(in.prices()),
                        List.of());
        BattleJob.wire(failing, folder(name).sinks().withPublished(bus.published()), settings());
        env.execute(name);
    }

    private static SyntheticMarketConfig market(int epochs) {
        return SyntheticMarketConfig.defaults(7, epochs)
                .withSymbols(List.of("SPY", "QQQ", "TLT", "GLD"));
    }

    private static KafkaReplay.Settings bounded() {
        return new KafkaReplay.Settings("it", true, Duration.ofSeconds(5), null);
    }

    private static BattleSettings settings() {
        ArenaSettings arena =
                new ArenaSettings(
                        AgentSpecs.defaultRoster(),
                        new ExecutionSettings(100_000, 0, 0, Sizing.parse("equity:1.0"), 0),
                        ArenaSettings.DAILY,
                        RiskLimits.defaults());
        return new BattleSettings(arena, JoinSettings.DEFAULTS, EventMap.loadDefault());
    }

    private StreamExecutionEnvironment env(String name, @Nullable Duration checkpoints) {
        Configuration conf =
                new LocalFlink(
                                PARALLELISM,
                                "hashmap",
                                checkpoints,
                                tmp.resolve(name + "-checkpoints"),
                                null)
                        .configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    private OutputFolder folder(String name) throws Exception {
        return new OutputFolder(Files.createDirectories(tmp.resolve(name)));
    }

    private static KafkaConnection connection() {
        return KafkaConnection.of(kafka.bootstrapServers());
    }

    /** Fresh topics (two partitions each) named {@code <prefix>.<stream>}. */
    private static KafkaTopics topics(String prefix) throws Exception {
        KafkaTopics topics = KafkaTopics.DEFAULTS;
        StringBuilder spec = new StringBuilder();
        for (String stream : topics.byStream().keySet()) {
            spec.append(stream).append('=').append(prefix).append('.').append(stream).append(',');
        }
        topics = topics.with(spec.toString());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(
                            topics.byStream().values().stream()
                                    .map(t -> new NewTopic(t, 2, (short) 1))
                                    .toList())
                    .all()
                    .get();
            // the broker serves a new topic only once its metadata has arrived and each
            // partition has a leader: await that condition
            List<String> names = List.copyOf(topics.byStream().values());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!served(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("topics not served after 60 s: " + names);
                }
            }
        }
        return topics;
    }

    private static boolean served(Admin admin, List<String> names) throws Exception {
        try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
        } catch (ExecutionException e) {
            if (e.getCause()
                    instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return false; // not there yet
            }
            throw e;
        }
    }

    /** The input topics of {@code input}, the output topics of a fresh {@code prefix}. */
    private static KafkaTopics outputs(KafkaTopics input, String prefix) throws Exception {
        return topics(prefix)
                .with("prices=" + input.prices() + ",probabilities=" + input.probabilities());
    }

    private static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("max.block.ms", "60000");
        // not idempotent: an idempotent producer first asks the broker for a producer id, which
        // was seen to go unanswered for over 60 s after the transactional jobs of earlier tests;
        // one request in flight keeps each partition in send order all the same
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** The market's bars keyed by symbol and ticks keyed by market, in time order. */
    private static void produce(KafkaTopics topics, SyntheticMarketConfig market) throws Exception {
        SyntheticWorld world = new SyntheticWorld(market);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (PriceBar b : bars(world)) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topics.prices(),
                                        b.symbol(),
                                        String.format(
                                                "{\"version\":1,\"timestamp\":%d,\"symbol\":\"%s\","
                                                        + "\"open\":%s,\"high\":%s,\"low\":%s,"
                                                        + "\"close\":%s,\"volume\":%s}",
                                                b.tsEvent(),
                                                b.symbol(),
                                                b.open(),
                                                b.high(),
                                                b.low(),
                                                b.close(),
                                                b.volume()))));
            }
            for (ProbabilityTick t : ticks(world)) {
                sent.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topics.probabilities(),
                                        t.marketId(),
                                        String.format(
                                                "{\"version\":1,\"timestamp\":%d,\"venue\":\"%s\","
                                                        + "\"market_id\":\"%s\",\"event_key\":\"%s\","
                                                        + "\"yes_probability\":%s}",
                                                t.tsEvent(),
                                                t.venue(),
                                                t.marketId(),
                                                t.eventKey(),
                                                t.yesProbability()))));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static void writeCsv(SyntheticMarketConfig market, Path prices, Path events)
            throws Exception {
        SyntheticWorld world = new SyntheticWorld(market);
        List<String> lines = new ArrayList<>(List.of(CsvFormats.PRICES_HEADER));
        bars(world).forEach(b -> lines.add(CsvFormats.toCsvLine(b)));
        Files.write(prices, lines);
        List<String> ticks = new ArrayList<>(List.of(CsvFormats.PROBABILITIES_HEADER));
        ticks(world).forEach(t -> ticks.add(CsvFormats.toCsvLine(t)));
        Files.write(events, ticks);
    }

    private static List<PriceBar> bars(SyntheticWorld world) {
        List<PriceBar> all = new ArrayList<>();
        world.config().symbols().forEach(s -> all.addAll(world.allPrices(s)));
        all.sort(Comparator.comparingLong(PriceBar::tsEvent).thenComparing(PriceBar::symbol));
        return all;
    }

    private static List<ProbabilityTick> ticks(SyntheticWorld world) {
        List<ProbabilityTick> all = new ArrayList<>();
        for (SyntheticEvent e : world.config().events()) {
            all.addAll(world.allProbabilities(e.key()));
        }
        all.sort(
                Comparator.comparingLong(ProbabilityTick::tsEvent)
                        .thenComparing(ProbabilityTick::marketId));
        return all;
    }

    private static List<String> readCommitted(String topic) {
        return read(topic, "read_committed");
    }

    /** Every message value of {@code topic}, up to its end offsets at the time of the call. */
    private static List<String> read(String topic, String isolation) {
        return records(topic, isolation).stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, String>> records(String topic, String isolation) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", isolation);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end =
                    isolation.equals("read_committed")
                            ? settledEnd(consumer, partitions)
                            : consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The message timestamps of {@code topic}, read committed. */
    private static List<Long> timestamps(String topic) {
        return records(topic, "read_committed").stream().map(ConsumerRecord::timestamp).toList();
    }

    /**
     * The end offsets once every transaction written so far is decided. A producer's commit returns
     * before the broker writes the commit markers into the partitions, so just after a job ends a
     * read-committed consumer may still stop at an open transaction (the last stable offset); once
     * the markers are in, the last stable offset reaches the partition's end.
     */
    private static Map<TopicPartition, Long> settledEnd(
            KafkaConsumer<String, String> committed, List<TopicPartition> partitions) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_uncommitted");
        try (KafkaConsumer<String, String> uncommitted =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
                if (stable.equals(uncommitted.endOffsets(partitions))
                        || System.nanoTime() > deadline) {
                    return stable;
                }
                Thread.onSpinWait();
            }
        }
    }

    private static List<String> lines(OutputFolder folder, String file) throws Exception {
        return Files.readAllLines(folder.file(file));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
