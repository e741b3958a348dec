package io.battleroyale.gateway;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock of one journal, held by the gateway that owns it: an OS file lock on {@code
 * <journal>.lock}, so a second gateway (in any process) refuses to start instead of keeping a
 * second book. The OS releases it when the process dies, even by {@code kill -9}. A sibling file
 * rather than the journal itself: SQLite takes its own POSIX locks on the database file.
 */
final class JournalLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IOException naming the journal when another gateway holds it
     */
    static JournalLock acquire(Path journal) throws IOException {
        Path file = journal.resolveSibling(journal.getFileName() + ".lock");
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another gateway in this JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException(
                    "journal "
                            + journal
                            + " is in use by another gateway (it holds "
                            + file.getFileName()
                            + "); stop that one or give another --journal");
        }
        return new JournalLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
