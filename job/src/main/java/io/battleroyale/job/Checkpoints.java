package io.battleroyale.job;

import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the state a run can restore from in a checkpoint folder. Flink writes checkpoints as {@code
 * DIR/<job id>/chk-N/_metadata} and savepoints (Ctrl-C) as {@code
 * DIR/savepoints/savepoint-…/_metadata}; a folder without {@code _metadata} is a checkpoint that
 * never completed and is ignored.
 */
public final class Checkpoints {

    private Checkpoints() {}

    /**
     * Resolves {@code --restore}: {@code latest} is the newest complete checkpoint or savepoint in
     * {@code dir}; anything else is a path to a {@code chk-N} / {@code savepoint-…} folder (or its
     * {@code _metadata} file).
     *
     * @throws IllegalArgumentException naming what is missing
     */
    public static Path resolve(String restore, Path dir) {
        return resolve(restore, dir, "--restore");
    }

    /** As {@link #resolve(String, Path)}, naming {@code what} (a flag or command) in errors. */
    public static Path resolve(String restore, Path dir, String what) {
        if (restore.equals("latest")) {
            return latest(dir)
                    .orElseThrow(
                            () ->
                                    new IllegalArgumentException(
                                            what
                                                    + " latest: no complete checkpoint"
                                                    + " (chk-N/_metadata) or savepoint in "
                                                    + dir.toAbsolutePath()));
        }
        Path path = Path.of(restore);
        if (Files.isRegularFile(path) && path.getFileName().toString().equals("_metadata")) {
            path = path.getParent();
        }
        if (!Files.isRegularFile(path.resolve("_metadata"))) {
            throw new IllegalArgumentException(
                    what + ": " + restore + " is not a checkpoint or savepoint (no _metadata)");
        }
        return path.toAbsolutePath();
    }

    /**
     * Reads the metadata the way Flink will on restore, so an empty, truncated or foreign file
     * fails here with one line instead of inside the job.
     */
    public static void requireReadable(Path metadata) {
        read(metadata, "--restore");
    }

    /**
     * The metadata of a checkpoint or savepoint: its id and every operator's state.
     *
     * @param what the flag or command named in the error
     * @throws IllegalArgumentException one line, when the file is not readable metadata
     */
    public static CheckpointMetadata read(Path metadata, String what) {
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(metadata)))) {
            return org.apache.flink.runtime.checkpoint.Checkpoints.loadCheckpointMetadata(
                    in, Checkpoints.class.getClassLoader(), metadata.getParent().toString());
        } catch (IOException | RuntimeException e) {
            String why = e instanceof EOFException ? "empty or cut short" : e.getMessage();
            throw new IllegalArgumentException(
                    what
                            + ": "
                            + metadata
                            + " is not a readable Flink checkpoint ("
                            + (why == null ? e.getClass().getSimpleName() : why)
                            + ")",
                    e);
        }
    }

    /** The newest complete checkpoint or savepoint under {@code dir}, by its metadata's time. */
    public static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(dir, 3, Checkpoints::isMetadata)) {
            return files.max(
                            Comparator.comparing(Checkpoints::modified)
                                    .thenComparing(Checkpoints::number))
                    .map(metadata -> metadata.getParent().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isMetadata(Path file, java.nio.file.attribute.BasicFileAttributes a) {
        if (!a.isRegularFile() || !file.getFileName().toString().equals("_metadata")) {
            return false;
        }
        String folder = file.getParent().getFileName().toString();
        return folder.startsWith("chk-") || folder.startsWith("savepoint-");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path metadata) {
        String folder = metadata.getParent().getFileName().toString();
        if (folder.startsWith("chk-")) {
            try {
                return Long.parseLong(folder.substring(4));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
