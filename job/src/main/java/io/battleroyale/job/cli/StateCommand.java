package io.battleroyale.job.cli;

import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.util.StringUtils;

import io.battleroyale.job.Checkpoints;
import io.battleroyale.job.Uids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code battle state inspect}: what a checkpoint or savepoint holds, operator by operator. */
@Command(
        name = "state",
        mixinStandardHelpOptions = true,
        description = "Reads checkpoints and savepoints (docs/operations.md).",
        subcommands = {StateCommand.Inspect.class})
final class StateCommand {

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = {
                "Lists every operator a checkpoint or savepoint holds state for: its uid, parallelism"
                        + " and max parallelism, whether it has keyed and operator state, and the"
                        + " size. An operator whose uid this build's graph does not have is marked:"
                        + " a restore would fail on it unless told to drop it"
                        + " (execution.state-recovery.ignore-unclaimed-state).",
                "",
                "Example: ./battle state inspect latest --checkpoints runs/live/checkpoints",
                ""
            })
    static final class Inspect implements Runnable {
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

        @Override
        public void run() {
            if (path.equals("latest") && checkpoints == null) {
                throw new IllegalArgumentException("state inspect latest needs --checkpoints DIR");
            }
            Path folder =
                    Checkpoints.resolve(
                            path,
                            checkpoints == null ? Path.of(".") : checkpoints,
                            "state inspect");
            CheckpointMetadata metadata =
                    Checkpoints.read(folder.resolve("_metadata"), "state inspect");
            print(spec.commandLine().getOut(), folder, metadata);
        }
    }

    private StateCommand() {}

    static void print(PrintWriter out, Path folder, CheckpointMetadata metadata) {
        List<OperatorState> operators = new ArrayList<>(metadata.getOperatorStates());
        operators.sort(Comparator.comparing(StateCommand::uid));
        long total = operators.stream().mapToLong(OperatorState::getStateSize).sum();
        out.printf(
                Locale.ROOT,
                "%s %d at %s: %d operators, %s%n",
                metadata.getCheckpointProperties() != null
                                && metadata.getCheckpointProperties().isSavepoint()
                        ? "savepoint"
                        : "checkpoint",
                metadata.getCheckpointId(),
                folder,
                operators.size(),
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
        for (OperatorState op : operators) {
            boolean keyed = false;
            boolean operatorState = false;
            for (OperatorSubtaskState subtask : op.getStates()) {
                keyed |= !subtask.getManagedKeyedState().isEmpty();
                operatorState |= !subtask.getManagedOperatorState().isEmpty();
            }
            String uid = uid(op);
            boolean known = isKnown(uid);
            unknown += known ? 0 : 1;
            out.printf(
                    Locale.ROOT,
                    "%-34s %11d %9d %5s %8s %10s%s%n",
                    uid,
                    op.getParallelism(),
                    op.getMaxParallelism(),
                    keyed ? "yes" : "-",
                    operatorState ? "yes" : "-",
                    size(op.getStateSize()),
                    known ? "" : "  not in this build's graph");
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
