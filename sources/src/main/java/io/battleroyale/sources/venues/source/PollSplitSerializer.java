package io.battleroyale.sources.venues.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Checkpoint format of a {@link PollSplit}. Version 1: UTF split id, then the cursor as a long.
 * Bump {@link #VERSION} and keep reading the old layouts when the split changes.
 */
public final class PollSplitSerializer implements SimpleVersionedSerializer<PollSplit> {

    public static final int VERSION = 1;

    public static final PollSplitSerializer INSTANCE = new PollSplitSerializer();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PollSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(split, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public PollSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown poll split version "
                            + version
                            + " (this build reads "
                            + VERSION
                            + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            PollSplit split = read(in);
            if (in.available() > 0) {
                throw new IOException("trailing bytes after poll split " + split.splitId());
            }
            return split;
        }
    }

    static void write(PollSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.cursor());
    }

    static PollSplit read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        long cursor = in.readLong();
        return new PollSplit(id, cursor);
    }
}
