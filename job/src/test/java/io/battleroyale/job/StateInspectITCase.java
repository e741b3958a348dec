package io.battleroyale.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.job.cli.BattleCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code state inspect} and {@code state prune} on the state of real runs: the agent view of a
 * savepoint agrees with the run's own fills and round trips, a pruned savepoint has lost exactly
 * the retired agent and restores, and a RocksDB incremental checkpoint (left by a killed run, with
 * the arena's timers pending) is read and pruned with its timers kept.
 */
class StateInspectITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double INITIAL_CASH = 100_000;

    @TempDir Path tmp;

    @Test
    void theAgentViewOfASavepointMatchesTheRunsFillsAndAPrunedAgentIsGoneAfterARestore()
            throws Exception {
        Path out = tmp.resolve("run");
        // Ctrl-C drains the graph, so the savepoint is the state after the last bar written
        Cli run =
                Cli.runUntil(
                        () -> {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                            return lines(out.resolve("fills.csv")) > 40;
                        },
                        "run",
                        "--state-backend",
                        "hashmap",
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path savepoint = Checkpoints.latest(out.resolve("checkpoints")).orElseThrow();
        assertThat(savepoint.getFileName().toString()).startsWith("savepoint-");

        JsonNode state = inspect(savepoint);
        assertThat(state.get("kind").asText()).isEqualTo("savepoint");
        JsonNode arena = state.get("arena");
        assertThat(names(arena.get("agents"), true))
                .containsExactly("trend", "meanrev", "event", "fed", "meta");
        assertThat(arena.get("withoutState")).isEmpty();

        // every sleeve against the run's own files
        Map<String, double[]> fromFiles = booksFromFiles(out);
        JsonNode sleeves = arena.get("sleeves");
        assertThat(sleeves).hasSize(25); // 5 agents x 5 symbols
        int traded = 0;
        for (JsonNode s : sleeves) {
            String key = s.get("agent").asText() + "/" + s.get("symbol").asText();
            double[] book = fromFiles.getOrDefault(key, new double[] {INITIAL_CASH, 0, 0, 0});
            assertThat(s.get("cash").asDouble()).as(key + " cash").isCloseTo(book[0], within(1e-6));
            assertThat(s.get("position").asDouble())
                    .as(key + " position")
                    .isCloseTo(book[1], within(1e-9));
            assertThat(s.get("realizedPnl").asDouble())
                    .as(key + " realised pnl")
                    .isCloseTo(book[2], within(1e-6));
            assertThat(s.get("trades").asInt()).as(key + " round trips").isEqualTo((int) book[3]);
            if (s.get("position").asDouble() != 0) {
                assertThat(s.get("averagePrice").asDouble()).isPositive();
            }
            traded += fromFiles.containsKey(key) ? 1 : 0;
        }
        assertThat(traded).as("sleeves that traded").isGreaterThan(3);

        // the meta-agent's posteriors: Beta(alpha, beta) per symbol and regime
        JsonNode posteriors = arena.get("posteriors");
        assertThat(posteriors).isNotEmpty();
        for (JsonNode regime : posteriors) {
            for (JsonNode arm : regime.get("arms")) {
                double a = arm.get("alpha").asDouble();
                double b = arm.get("beta").asDouble();
                assertThat(arm.get("mean").asDouble()).isCloseTo(a / (a + b), within(1e-12));
            }
        }
        assertThat(arena.get("risk")).hasSize(5);

        // the text form shows the same, after the operator table
        Cli text = Cli.run("state", "inspect", savepoint.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .containsPattern("(?m)^agent-arena +2 +128 +yes ")
                .contains("agents with state: trend, meanrev, event, fed, meta")
                .containsPattern("(?m)^trend +SPY ")
                .contains("posteriors:")
                .contains("risk gate, per symbol");

        // a roster with a new agent and without an old one
        Cli other =
                Cli.run("state", "inspect", savepoint.toString(), "--agents", "trend;leader;meta");
        assertThat(other.out())
                .contains("no state (a restore starts them fresh): leader")
                .contains(
                        "not in --agents (a restore carries it unread; state prune drops it):"
                                + " event, fed, meanrev");

        // prune trend
        Path pruned = tmp.resolve("without-trend");
        Cli prune =
                Cli.run(
                        "state",
                        "prune",
                        savepoint.toString(),
                        "--agent",
                        "trend",
                        "--out",
                        pruned.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).startsWith("pruned trend: agent.trend and sleeve.trend on 5");

        JsonNode after = inspect(pruned);
        JsonNode afterArena = after.get("arena");
        assertThat(names(afterArena.get("agents"), true))
                .containsExactly("meanrev", "event", "fed", "meta");
        assertThat(afterArena.get("withoutState").toString()).isEqualTo("[\"trend\"]");
        assertThat(afterArena.get("sleeves")).hasSize(20);
        for (JsonNode s : afterArena.get("sleeves")) {
            assertThat(s).isEqualTo(sleeve(sleeves, s.get("agent").asText(), s.get("symbol")));
        }
        for (JsonNode regime : afterArena.get("posteriors")) {
            for (JsonNode arm : regime.get("arms")) {
                assertThat(arm.get("agent").asText()).isNotEqualTo("trend");
            }
        }
        for (JsonNode r : afterArena.get("risk")) {
            for (JsonNode a : r.get("agents")) {
                assertThat(a.get("agent").asText()).isNotEqualTo("trend");
            }
        }
        // the other operators are still there, the arena keeps its max parallelism
        assertThat(uids(after)).isEqualTo(uids(state));
        assertThat(operator(after, Uids.AGENT_ARENA).get("maxParallelism").asInt())
                .isEqualTo(LocalFlink.MAX_PARALLELISM);

        // pruning an agent that has no state is refused, in one line
        Cli again =
                Cli.run(
                        "state",
                        "prune",
                        pruned.toString(),
                        "--agent",
                        "trend",
                        "--out",
                        tmp.resolve("again").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip())
                .startsWith("error: state prune: trend has no state in " + pruned)
                .doesNotContain("\n");

        // the pruned savepoint stands alone: the original can go
        org.apache.flink.util.FileUtils.deleteDirectory(savepoint.toFile());

        // the new roster restores from it; stopped at once, its savepoint still lacks trend
        Cli restored =
                Cli.runUntil(
                        () -> true,
                        "run",
                        "--state-backend",
                        "hashmap",
                        "--agents",
                        "meanrev;event;fed;meta",
                        "--out",
                        out.toString(),
                        "--restore",
                        pruned.toString());
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.err()).contains("restoring from " + pruned).contains("savepoint:");
        Path next = Checkpoints.latest(out.resolve("checkpoints")).orElseThrow();
        assertThat(next.getParent()).isEqualTo(savepoint.getParent());
        JsonNode resumed = inspect(next, "--agents", "meanrev;event;fed;meta");
        assertThat(names(resumed.get("arena").get("agents"), true))
                .containsExactly("meanrev", "event", "fed", "meta");
        assertThat(resumed.get("arena").get("unlisted")).isEmpty();
        // the restored sleeves went on from the pruned ones: order ids continue, none restarted
        long orders = 0;
        for (JsonNode s : afterArena.get("sleeves")) {
            JsonNode now =
                    sleeve(
                            resumed.get("arena").get("sleeves"),
                            s.get("agent").asText(),
                            s.get("symbol"));
            assertThat(now.get("orders").asLong()).isGreaterThanOrEqualTo(s.get("orders").asLong());
            assertThat(now.get("trades").asInt()).isGreaterThanOrEqualTo(s.get("trades").asInt());
            orders += s.get("orders").asLong();
        }
        assertThat(orders).as("orders the pruned savepoint carried").isPositive();
    }

    @Test
    void aRocksDbIncrementalCheckpointIsReadAndPrunedWithTheArenasTimers() throws Exception {
        Path out = tmp.resolve("killed");
        Path checkpoints = out.resolve("checkpoints");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        BattleCli.class.getName(),
                        "run",
                        "--state-backend",
                        "rocksdb",
                        "--checkpoint-interval",
                        "1s",
                        "--out",
                        out.toString()));
        Process battle =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("killed.log").toFile())
                        .start();
        Path checkpoint;
        try {
            checkpoint = awaitCheckpoint(battle, checkpoints);
        } finally {
            battle.destroyForcibly(); // kill -9: the checkpoints stay as they are
            battle.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(checkpoint.getFileName().toString()).startsWith("chk-");
        assertThat(Files.isDirectory(checkpoint.getParent().resolve("shared"))).isTrue();

        JsonNode state = inspect(checkpoint);
        assertThat(state.get("kind").asText()).isEqualTo("checkpoint");
        JsonNode arena = state.get("arena");
        assertThat(names(arena.get("agents"), true))
                .containsExactly("trend", "meanrev", "event", "fed", "meta");
        Map<String, String> timers = timers(arena);
        assertThat(timers).hasSize(5);
        // mid-run every symbol waits for the end of the input and of its open mark period, if
        // one is open (the run keeps heap timers, which a RocksDB checkpoint holds in raw keyed
        // state)
        for (JsonNode k : arena.get("symbols")) {
            String open = k.get("openPeriod").isNull() ? "" : k.get("openPeriod").asLong() + ",";
            assertThat(k.get("eventTimers").toString())
                    .isEqualTo("[" + open + Long.MAX_VALUE + "]");
        }

        Path pruned = tmp.resolve("without-fed");
        Cli prune =
                Cli.run(
                        "state",
                        "prune",
                        checkpoint.toString(),
                        "--agent",
                        "fed",
                        "--out",
                        pruned.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();

        JsonNode after = inspect(pruned).get("arena");
        assertThat(names(after.get("agents"), true))
                .containsExactly("trend", "meanrev", "event", "meta");
        assertThat(timers(after)).isEqualTo(timers);
        for (JsonNode s : after.get("sleeves")) {
            assertThat(s)
                    .isEqualTo(
                            sleeve(arena.get("sleeves"), s.get("agent").asText(), s.get("symbol")));
        }
    }

    /** The newest complete checkpoint of the running process, once one has fills behind it. */
    private static Path awaitCheckpoint(Process battle, Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!battle.isAlive()) {
                throw new AssertionError("the run ended by itself: " + battle.exitValue());
            }
            Optional<Path> latest = Checkpoints.latest(checkpoints);
            if (latest.isPresent()
                    && latest.get().getFileName().toString().startsWith("chk-")
                    && Long.parseLong(latest.get().getFileName().toString().substring(4)) >= 2) {
                return latest.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polls a condition
        }
        throw new AssertionError("no checkpoint in 2 minutes under " + checkpoints);
    }

    private static JsonNode inspect(Path path, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("state", "inspect", path.toString(), "--json"));
        args.addAll(List.of(more));
        Cli inspect = Cli.run(args.toArray(String[]::new));
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        return JSON.readTree(inspect.out());
    }

    private static List<String> names(JsonNode agents, boolean withState) {
        List<String> names = new ArrayList<>();
        for (JsonNode a : agents) {
            if (a.get("hasState").asBoolean() == withState) {
                names.add(a.get("name").asText());
            }
        }
        return names;
    }

    private static JsonNode sleeve(JsonNode sleeves, String agent, JsonNode symbol) {
        for (JsonNode s : sleeves) {
            if (s.get("agent").asText().equals(agent) && s.get("symbol").equals(symbol)) {
                return s;
            }
        }
        throw new AssertionError("no sleeve " + agent + "/" + symbol);
    }

    private static Map<String, String> timers(JsonNode arena) {
        Map<String, String> timers = new TreeMap<>();
        for (JsonNode k : arena.get("symbols")) {
            timers.put(k.get("symbol").asText(), k.get("eventTimers").toString());
        }
        return timers;
    }

    private static List<String> uids(JsonNode state) {
        List<String> uids = new ArrayList<>();
        state.get("operators").forEach(op -> uids.add(op.get("uid").asText()));
        return uids;
    }

    private static JsonNode operator(JsonNode state, String uid) {
        for (JsonNode op : state.get("operators")) {
            if (op.get("uid").asText().equals(uid)) {
                return op;
            }
        }
        throw new AssertionError("no operator " + uid);
    }

    /**
     * Per agent/symbol from fills.csv and trades.csv: cash, position, realised pnl (closed round
     * trips) and the number of closed round trips.
     */
    private static Map<String, double[]> booksFromFiles(Path out) throws IOException {
        Map<String, double[]> books = new HashMap<>();
        List<String> fills = Files.readAllLines(out.resolve("fills.csv"));
        for (String line : fills.subList(1, fills.size())) {
            // client_order_id,agent,symbol,side,quantity,price,commission,ts
            String[] f = line.split(",");
            double[] b =
                    books.computeIfAbsent(
                            f[1] + "/" + f[2], k -> new double[] {INITIAL_CASH, 0, 0, 0});
            double quantity = Double.parseDouble(f[4]);
            double price = Double.parseDouble(f[5]);
            double sign = f[3].equals("BUY") ? 1 : -1;
            b[0] -= sign * quantity * price + Double.parseDouble(f[6]);
            b[1] += sign * quantity;
        }
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        for (String line : trades.subList(1, trades.size())) {
            // agent,symbol,entry_ts,entry_price,exit_ts,exit_price,quantity,pnl,...
            String[] t = line.split(",", -1);
            if (t[4].isEmpty()) {
                continue; // still open at the end
            }
            double[] b = books.get(t[0] + "/" + t[1]);
            b[2] += Double.parseDouble(t[7]);
            b[3] += 1;
        }
        return books;
    }

    private static long lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            try (var lines = Files.lines(file)) {
                return lines.count();
            }
        } catch (IOException e) {
            return 0;
        }
    }
}
