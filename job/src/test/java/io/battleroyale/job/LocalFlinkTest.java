package io.battleroyale.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A local run is flink-conf/config.yaml with the named overrides, and nothing else changed. */
class LocalFlinkTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final LocalFlink backtest = new LocalFlink(2, "hashmap", null, null, null, true);
    private final LocalFlink live =
            new LocalFlink(
                    2, "rocksdb", Duration.ofSeconds(5), Path.of("/tmp/out/checkpoints"), null);

    @Test
    void theJobsSettingsComeFromTheClusterFile() {
        for (LocalFlink flink : new LocalFlink[] {backtest, live}) {
            Configuration conf = flink.configuration();
            assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
            assertThat(conf.get(PipelineOptions.AUTO_GENERATE_UIDS)).isFalse();
            assertThat(conf.get(PipelineOptions.OBJECT_REUSE)).isTrue();
            assertThat(conf.get(PipelineOptions.MAX_PARALLELISM))
                    .isEqualTo(LocalFlink.MAX_PARALLELISM);
            assertThat(conf.get(RocksDBOptions.TIMER_SERVICE_FACTORY))
                    .isEqualTo(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
    }

    @Test
    void onlyTheNamedOverridesDiffer() {
        Map<String, String> cluster = LocalFlink.clusterConfiguration().toMap();
        for (LocalFlink flink : new LocalFlink[] {backtest, live}) {
            Set<String> overridden =
                    flink.overrides().stream()
                            .map(o -> o.option().key())
                            .collect(Collectors.toSet());
            Map<String, String> local = flink.configuration().toMap();
            cluster.forEach(
                    (key, value) -> {
                        if (!overridden.contains(key) && !key.startsWith(LocalFlink.REPORTERS)) {
                            assertThat(local.get(key)).as(key).isEqualTo(value);
                        }
                    });
            assertThat(flink.overrides()).allSatisfy(o -> assertThat(o.why()).isNotBlank());
        }
    }

    @Test
    void theOverridesAreThoseOfTheRun() {
        Configuration local = live.configuration();
        assertThat(local.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(local.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(local.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo(Path.of("/tmp/out/checkpoints").toUri().toString());
        assertThat(local.get(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH)).isTrue();
        assertThat(local.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("none");
        assertThat(local.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);

        Configuration bounded = backtest.configuration();
        assertThat(bounded.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(bounded.contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isFalse();
        assertThat(bounded.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isFalse();
        assertThat(bounded.get(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH))
                .isFalse();
        // what the cluster file sets and a local run must not inherit
        Configuration cluster = LocalFlink.clusterConfiguration();
        assertThat(cluster.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(cluster.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///flink-data/checkpoints");
        assertThat(cluster.keySet()).anyMatch(k -> k.startsWith(LocalFlink.REPORTERS));
        assertThat(bounded.keySet()).noneMatch(k -> k.startsWith(LocalFlink.REPORTERS));
    }

    @Test
    void theJava17OptionsAreKeptInOnePlace() throws Exception {
        String fromFile = LocalFlink.clusterConfiguration().get(CoreOptions.FLINK_JVM_OPTIONS);
        assertThat(fromFile).contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        // the test runner cannot read YAML: its copy in the parent pom must be the same list
        Matcher pom =
                Pattern.compile("<flink.jvm.opens>(.*?)</flink.jvm.opens>", Pattern.DOTALL)
                        .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(pom.find()).isTrue();
        assertThat(words(pom.group(1))).isEqualTo(words(fromFile));
        // the launcher reads them from the file
        assertThat(Files.readString(ROOT.resolve("battle")))
                .contains("flink-conf/config.yaml")
                .doesNotContain("--add-opens");
    }

    private static java.util.List<String> words(String s) {
        return java.util.List.of(s.strip().split("\\s+"));
    }
}
