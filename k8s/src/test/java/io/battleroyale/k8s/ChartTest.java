package io.battleroyale.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the Helm chart with a real {@code helm} for every values file and checks each rendered
 * FlinkDeployment against the Flink Kubernetes Operator's CRD schema, and the chart's Flink
 * configuration against {@code flink-conf/config.yaml}.
 *
 * <p>{@code helm} is {@code $HELM} or the one on the PATH ({@code .ci/run} installs it); the CRDs
 * are read from {@code ../shared/reference/flink-operator-crds}. Without either the tests are
 * skipped locally and fail in CI ({@code CI=true}).
 */
class ChartTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path CHART = ROOT.resolve("k8s/chart");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Storage locations: a cluster's own, so they differ from the local file:// defaults. */
    private static final List<String> DEPLOYMENT_SPECIFIC =
            List.of(
                    "execution.checkpointing.dir",
                    "execution.checkpointing.savepoint-dir",
                    "metrics.reporter.prom.port");

    private static String helm;
    private static Schema flinkDeployment;

    @BeforeAll
    static void tools() throws Exception {
        helm = findHelm();
        Path crd =
                ROOT.resolveSibling("shared/reference/flink-operator-crds")
                        .resolve("flinkdeployments.flink.apache.org-v1.yml");
        require(Files.isRegularFile(crd), "the operator CRDs are missing: " + crd);
        JsonNode schema = null;
        for (JsonNode version : YAML.readTree(crd.toFile()).path("spec").path("versions")) {
            if (version.path("name").asText().equals("v1beta1")) {
                schema = version.path("schema").path("openAPIV3Schema");
            }
        }
        require(schema != null, "no v1beta1 schema in " + crd);
        flinkDeployment =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                        .getSchema(JSON.writeValueAsString(schema), InputFormat.JSON);
    }

    @Test
    void everyValuesFileRendersOneFlinkDeploymentTheOperatorAccepts() throws Exception {
        List<Path> valuesFiles = valuesFiles();
        assertThat(valuesFiles)
                .extracting(p -> p.getFileName().toString())
                .contains("values-paper.yaml", "values-live.yaml", "values-backtest.yaml");
        for (Path values : valuesFiles) {
            List<JsonNode> docs = render(values);
            List<JsonNode> deployments = ofKind(docs, "FlinkDeployment");
            assertThat(deployments).as(values.toString()).hasSize(1);
            JsonNode d = deployments.get(0);
            assertThat(errors(d)).as("%s against the CRD", values).isEmpty();
            JsonNode spec = d.path("spec");
            assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
            assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(spec.path("job").path("jarURI").asText())
                    .isEqualTo("local:///opt/flink/usrlib/battle.jar");
            assertThat(spec.path("job").path("entryClass").asText())
                    .isEqualTo("io.battleroyale.job.ClusterEntryPoint");
            assertThat(spec.path("flinkConfiguration").path("high-availability.type").asText())
                    .isEqualTo("kubernetes");
            assertThat(ofKind(docs, "Secret"))
                    .as("secrets are referenced, never rendered")
                    .isEmpty();
        }
    }

    @Test
    void theSchemaCheckRefusesABrokenDeployment() throws Exception {
        ObjectNode d =
                (ObjectNode)
                        ofKind(render(CHART.resolve("values-paper.yaml")), "FlinkDeployment")
                                .get(0);
        ((ObjectNode) d.path("spec")).put("flinkVersion", "v9_9");
        ((ObjectNode) d.path("spec").path("job")).put("upgradeMode", "sometimes");
        assertThat(String.join("\n", errors(d))).contains("flinkVersion").contains("upgradeMode");
    }

    @Test
    void backtestIsABoundedJobWithoutAGateway() throws Exception {
        List<JsonNode> docs = render(CHART.resolve("values-backtest.yaml"));
        JsonNode args =
                ofKind(docs, "FlinkDeployment").get(0).path("spec").path("job").path("args");
        assertThat(args.get(0).asText()).isEqualTo("backtest");
        assertThat(args.toString()).contains("\"--kafka\"").doesNotContain("--gateway-url");
        assertThat(ofKind(docs, "Deployment")).isEmpty();

        List<JsonNode> paper = render(CHART.resolve("values-paper.yaml"));
        assertThat(ofKind(paper, "Deployment")).hasSize(1);
        assertThat(ofKind(paper, "Service")).hasSize(1);
        assertThat(ofKind(paper, "PersistentVolumeClaim")).hasSize(1);
        JsonNode pod =
                ofKind(paper, "Deployment").get(0).path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theChartsFlinkConfigurationAgreesWithFlinkConf() throws Exception {
        Map<String, String> local = new TreeMap<>();
        flatten("", YAML.readTree(ROOT.resolve("flink-conf/config.yaml").toFile()), local);
        assertThat(local)
                .containsKeys(
                        "pipeline.generic-types",
                        "pipeline.auto-generate-uids",
                        "state.backend.type",
                        "execution.checkpointing.interval",
                        "execution.checkpointing.incremental");
        for (Path values : valuesFiles()) {
            JsonNode conf =
                    ofKind(render(values), "FlinkDeployment")
                            .get(0)
                            .path("spec")
                            .path("flinkConfiguration");
            for (Map.Entry<String, String> key : local.entrySet()) {
                assertThat(conf.has(key.getKey())).as("%s sets %s", values, key.getKey()).isTrue();
                if (!DEPLOYMENT_SPECIFIC.contains(key.getKey())) {
                    assertThat(normalize(conf.path(key.getKey()).asText()))
                            .as("%s: %s", values, key.getKey())
                            .isEqualTo(normalize(key.getValue()));
                }
            }
        }
    }

    private static List<String> errors(JsonNode deployment) throws Exception {
        List<String> messages = new ArrayList<>();
        for (Error e :
                flinkDeployment.validate(JSON.writeValueAsString(deployment), InputFormat.JSON)) {
            messages.add(e.toString());
        }
        return messages;
    }

    private static List<Path> valuesFiles() throws Exception {
        try (Stream<Path> files = Files.list(CHART)) {
            return files.filter(p -> p.getFileName().toString().matches("values-.+\\.yaml"))
                    .sorted()
                    .toList();
        }
    }

    private static final Map<Path, List<JsonNode>> RENDERED = new HashMap<>();

    /** {@code helm template} of the chart with one values file, as YAML documents (deep copies). */
    private static List<JsonNode> render(Path values) throws Exception {
        if (!RENDERED.containsKey(values)) {
            RENDERED.put(values, helmTemplate(values));
        }
        return RENDERED.get(values).stream().map(n -> (JsonNode) n.deepCopy()).toList();
    }

    private static List<JsonNode> helmTemplate(Path values) throws Exception {
        Process p =
                new ProcessBuilder(
                                helm,
                                "template",
                                "battle",
                                CHART.toString(),
                                "-f",
                                values.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("helm template -f %s:%n%s", values, out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(out)) {
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.properties()
                    .forEach(
                            e ->
                                    flatten(
                                            prefix.isEmpty()
                                                    ? e.getKey()
                                                    : prefix + "." + e.getKey(),
                                            e.getValue(),
                                            into));
        } else {
            into.put(prefix, node.asText());
        }
    }

    private static String normalize(String value) {
        return value.trim().replaceAll("\\s+", " ");
    }

    private static String findHelm() {
        String env = System.getenv("HELM");
        if (env != null && new File(env).canExecute()) {
            return env;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "helm");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        require(false, "helm not found ($HELM or PATH); .ci/run installs it");
        return null;
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
    }
}
