package io.battleroyale.job.cli;

import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.util.StringUtils;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.battleroyale.functions.agents.AgentSpec;
import io.battleroyale.functions.agents.AgentSpecs;
import io.battleroyale.functions.meta.ThompsonMetaAgent;
import io.battleroyale.functions.risk.RiskState;
import io.battleroyale.job.Checkpoints;
import io.battleroyale.job.Uids;
import io.battleroyale.job.state.ArenaState;
import io.battleroyale.job.state.ArenaView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code battle state inspect}: what a checkpoint or savepoint holds, operator by operator and, in
 * the agent arena, agent by agent; {@code battle state prune}: a new savepoint without a retired
 * agent's state.
 */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Reads and rewrites checkpoints and savepoints (docs/operations.md).",
        subcommands = {StateCommand.Inspect.class, StateCommand.Prune.class})
final class StateCommand {

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Lists every operator a checkpoint or savepoint holds state for: its uid, parallelism"
                        + " and max parallelism, whether it has keyed and operator state, and the"
                        + " size. An operator whose uid this build's graph does not have is marked:"
                        + " a restore would fail on it unless told to drop it"
                        + " (execution.state-recovery.ignore-unclaimed-state).",
                "Then the agent arena's state, read with the State Processor API: per agent and"
                        + " symbol the sleeve (cash, position, average price, realised P&L), the"
                        + " meta-agent's posteriors per regime, the risk state per symbol, and which"
                        + " agents of --agents have no state (a restore starts them fresh) or have"
                        + " state but are not in --agents (a restore carries it unread).",
                "",
                "Examples:",
                "  ./battle state inspect latest --checkpoints runs/live/checkpoints",
                "  ./battle state inspect runs/live/checkpoints/savepoints/savepoint-1a2b3c-0d9e8f"
                        + " --agents 'trend;meanrev;meta' --json",
                ""
            })
    static final class Inspect implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "PATH|latest",
                description = "A chk-N or savepoint-… folder (or its _metadata), or latest.")
        String path;

        @Option(
                names = "--checkpoints",
                paramLabel = "DIR",
                description =
                        "Where to look for latest: a run's checkpoint folder (DIR/checkpoints of"
                                + " its --out).")
        @Nullable
        Path checkpoints;

        @Option(
                names = "--agents",
                paramLabel = "SPEC",
                description =
                        "The roster to look for, as for run (only the names count). Default: the"
                                + " default roster.")
        @Nullable
        String agents;

        @Option(
                names = "--initial-cash",
                defaultValue = "100000",
                paramLabel = "X",
                description =
                        "The cash each sleeve started with, as the run's --initial-cash: the"
                                + " realised P&L is counted from it. Default: ${DEFAULT-VALUE}.")
        double initialCash;

        @Option(
                names = "--operators-only",
                description = "Only the operator table (reads the metadata, starts no job).")
        boolean operatorsOnly;

        @Option(names = "--json", description = "Print the same as one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (path.equals("latest") && checkpoints == null) {
                throw new IllegalArgumentException("state inspect latest needs --checkpoints DIR");
            }
            List<String> roster = roster(agents);
            Path folder =
                    Checkpoints.resolve(
                            path,
                            checkpoints == null ? Path.of(".") : checkpoints,
                            "state inspect");
            CheckpointMetadata metadata =
                    Checkpoints.read(folder.resolve("_metadata"), "state inspect");
            ArenaView arena = null;
            if (!operatorsOnly && ArenaState.arena(metadata).isPresent()) {
                ArenaState.Contents contents = readArena(folder, metadata, "state inspect");
                arena = ArenaView.of(contents, roster, initialCash);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(
                        JSON.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(report(folder, metadata, arena)));
            } else {
                print(out, folder, metadata);
                if (arena != null) {
                    StateText.print(out, arena);
                } else if (!operatorsOnly) {
                    out.println("no agent arena state (uid " + Uids.AGENT_ARENA + ")");
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = {
                "Writes a new savepoint without a retired agent's state: the agent arena is"
                        + " rewritten (State Processor API) with every state and timer it holds"
                        + " except agent.NAME and sleeve.NAME, the agent's entries in the risk"
                        + " state and the meta-agent's posteriors and unscored signals of it; every"
                        + " other operator is copied as it is, and max parallelism stays. The"
                        + " original is left untouched. Refused when NAME has no state.",
                "",
                "Example:",
                "  ./battle state prune runs/live/checkpoints/savepoints/savepoint-1a2b3c-0d9e8f"
                        + " --agent fed --out runs/live/checkpoints/savepoints/without-fed",
                "  ./battle run --agents 'trend;meanrev;event;meta' --out runs/live"
                        + " --restore runs/live/checkpoints/savepoints/without-fed",
                ""
            })
    static final class Prune implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(
                index = "0",
                paramLabel = "SAVEPOINT",
                description = "A savepoint-… (or chk-N) folder, or its _metadata.")
        String path;

        @Option(
                names = "--agent",
                required = true,
                paramLabel = "NAME",
                description = "The agent whose state is dropped.")
        String agent;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "NEW_PATH",
                description = "Folder of the new savepoint; must not exist or be empty.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path folder = Checkpoints.resolve(path, Path.of("."), "state prune");
            CheckpointMetadata metadata =
                    Checkpoints.read(folder.resolve("_metadata"), "state prune");
            if (Files.exists(out)) {
                boolean empty;
                try (Stream<Path> files = Files.list(out)) {
                    empty = files.findAny().isEmpty();
                } catch (IOException e) {
                    empty = false;
                }
                if (!empty) {
                    throw new IllegalArgumentException(
                            "state prune: " + out + " already exists and is not an empty folder");
                }
            }
            if (ArenaState.arena(metadata).isEmpty()) {
                throw new IllegalArgumentException(
                        "state prune: "
                                + folder
                                + " holds no agent arena state (uid "
                                + Uids.AGENT_ARENA
                                + ")");
            }
            ArenaState.Contents contents = readArena(folder, metadata, "state prune");
            if (!contents.agents().contains(agent)) {
                throw new IllegalArgumentException(
                        "state prune: "
                                + agent
                                + " has no state in "
                                + folder
                                + " (agents with state: "
                                + String.join(", ", contents.agents())
                                + ")");
            }
            Pruning pruning = new Pruning(agent);
            try {
                ArenaState.rewrite(
                        folder,
                        out.toAbsolutePath(),
                        contents,
                        Set.of(ArenaState.AGENT_PREFIX + agent, ArenaState.SLEEVE_PREFIX + agent),
                        pruning::edit);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state prune: " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "state prune: writing " + out + " failed (" + rootReason(e) + ")", e);
            }
            Checkpoints.read(out.resolve("_metadata"), "state prune");
            int symbols = 0;
            for (ArenaState.Key key : contents.keys()) {
                if (key.values().containsKey(ArenaState.AGENT_PREFIX + agent)
                        || key.values().containsKey(ArenaState.SLEEVE_PREFIX + agent)) {
                    symbols++;
                }
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf(
                    Locale.ROOT,
                    "pruned %s: agent.%s and sleeve.%s on %d symbol(s), its risk entries on %d,"
                            + " %d meta-agent posterior(s) and %d unscored signal(s) of it%n",
                    agent,
                    agent,
                    agent,
                    symbols,
                    pruning.riskEntries,
                    pruning.arms,
                    pruning.pending);
            o.printf(
                    Locale.ROOT,
                    "savepoint at %s (from %s; agent arena rewritten, max parallelism %d, every"
                            + " other operator copied)%n",
                    out.toAbsolutePath(),
                    folder,
                    contents.operator().getMaxParallelism());
            o.println(
                    "restore with: ./battle run … --restore "
                            + out.toAbsolutePath()
                            + " (and --agents without "
                            + agent
                            + ")");
            o.flush();
            return 0;
        }
    }

    /** What prune takes out of the states it keeps: the agent's risk entries and meta arms. */
    static final class Pruning {
        private final String agent;
        int riskEntries;
        int arms;
        int pending;

        Pruning(String agent) {
            this.agent = agent;
        }

        Object edit(String state, Object value) {
            if (value instanceof RiskState risk && risk.agents.remove(agent) != null) {
                riskEntries++;
            }
            if (value instanceof ThompsonMetaAgent.State meta) {
                String suffix = "|" + agent;
                int before = meta.arms.size();
                meta.arms.keySet().removeIf(k -> k.endsWith(suffix));
                meta.reported.keySet().removeIf(k -> k.endsWith(suffix));
                arms += before - meta.arms.size();
                int pendingBefore = meta.pending.size();
                meta.pending.removeIf(p -> agent.equals(p.agent));
                pending += pendingBefore - meta.pending.size();
            }
            return value;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateCommand() {}

    static List<String> roster(@Nullable String agents) {
        List<AgentSpec> specs =
                agents == null ? AgentSpecs.defaultRoster() : AgentSpecs.parse(agents);
        List<String> names = new ArrayList<>();
        for (AgentSpec spec : specs) {
            names.add(spec.agentName());
        }
        return names;
    }

    private static ArenaState.Contents readArena(
            Path folder, CheckpointMetadata metadata, String what) {
        try {
            return ArenaState.read(folder, metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    what
                            + ": cannot read the agent arena's state in "
                            + folder
                            + " ("
                            + rootReason(e)
                            + ")",
                    e);
        }
    }

    private static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    /** One row of the operator table. */
    record OperatorRow(
            String uid,
            int parallelism,
            int maxParallelism,
            boolean keyed,
            boolean operatorState,
            long sizeBytes,
            boolean inThisBuild) {}

    /** Everything inspect prints, as JSON. */
    record Report(
            String kind,
            long checkpointId,
            String path,
            long sizeBytes,
            List<OperatorRow> operators,
            @Nullable ArenaView arena) {}

    static Report report(Path folder, CheckpointMetadata metadata, @Nullable ArenaView arena) {
        List<OperatorRow> rows = rows(metadata);
        return new Report(
                kind(metadata),
                metadata.getCheckpointId(),
                folder.toString(),
                rows.stream().mapToLong(OperatorRow::sizeBytes).sum(),
                rows,
                arena);
    }

    private static String kind(CheckpointMetadata metadata) {
        return metadata.getCheckpointProperties() != null
                        && metadata.getCheckpointProperties().isSavepoint()
                ? "savepoint"
                : "checkpoint";
    }

    static List<OperatorRow> rows(CheckpointMetadata metadata) {
        List<OperatorState> operators = new ArrayList<>(metadata.getOperatorStates());
        operators.sort(Comparator.comparing(StateCommand::uid));
        List<OperatorRow> rows = new ArrayList<>();
        for (OperatorState op : operators) {
            boolean keyed = false;
            boolean operatorState = false;
            for (OperatorSubtaskState subtask : op.getStates()) {
                keyed |= !subtask.getManagedKeyedState().isEmpty();
                operatorState |= !subtask.getManagedOperatorState().isEmpty();
            }
            String uid = uid(op);
            rows.add(
                    new OperatorRow(
                            uid,
                            op.getParallelism(),
                            op.getMaxParallelism(),
                            keyed,
                            operatorState,
                            op.getStateSize(),
                            isKnown(uid)));
        }
        return rows;
    }

    static void print(PrintWriter out, Path folder, CheckpointMetadata metadata) {
        List<OperatorRow> rows = rows(metadata);
        long total = rows.stream().mapToLong(OperatorRow::sizeBytes).sum();
        out.printf(
                Locale.ROOT,
                "%s %d at %s: %d operators, %s%n",
                kind(metadata),
                metadata.getCheckpointId(),
                folder,
                rows.size(),
                size(total));
        out.printf(
                Locale.ROOT,
                "%-34s %11s %9s %5s %8s %10s%n",
                "uid",
                "parallelism",
                "max",
                "keyed",
                "operator",
                "size");
        int unknown = 0;
        for (OperatorRow row : rows) {
            unknown += row.inThisBuild() ? 0 : 1;
            out.printf(
                    Locale.ROOT,
                    "%-34s %11d %9d %5s %8s %10s%s%n",
                    row.uid(),
                    row.parallelism(),
                    row.maxParallelism(),
                    row.keyed() ? "yes" : "-",
                    row.operatorState() ? "yes" : "-",
                    size(row.sizeBytes()),
                    row.inThisBuild() ? "" : "  not in this build's graph");
        }
        if (unknown > 0) {
            out.printf(
                    Locale.ROOT,
                    "%d operator(s) not in this build's graph: restoring needs"
                            + " -Dexecution.state-recovery.ignore-unclaimed-state=true, which drops"
                            + " their state%n",
                    unknown);
        }
    }

    /** The uid Flink recorded, else the stable id of this build it hashes to, else the hash. */
    private static String uid(OperatorState op) {
        if (op.getOperatorUid().isPresent() && !op.getOperatorUid().get().isEmpty()) {
            return op.getOperatorUid().get();
        }
        String hash = op.getOperatorID().toHexString();
        return KNOWN_BY_HASH.getOrDefault(hash, "(id " + hash + ")");
    }

    /**
     * Every stable id of {@link Uids}; the graph derives the rest from them by a suffix ({@code
     * shift-detection-surge}, {@code prices-source}, a sink's writer and committer).
     */
    private static final List<String> KNOWN = knownUids();

    private static final Map<String, String> KNOWN_BY_HASH = new TreeMap<>();

    static {
        for (String uid : KNOWN) {
            KNOWN_BY_HASH.put(
                    StringUtils.byteToHexString(StreamGraphHasherV2.generateUserSpecifiedHash(uid)),
                    uid);
        }
    }

    static boolean isKnown(String uid) {
        for (String known : KNOWN) {
            if (uid.equals(known)
                    || uid.matches(java.util.regex.Pattern.quote(known) + "[-_: ].*")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> knownUids() {
        List<String> uids = new ArrayList<>();
        for (Field f : Uids.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    uids.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return uids;
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double kb = bytes / 1024.0;
        return kb < 1024
                ? String.format(Locale.ROOT, "%.1f KB", kb)
                : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
