package io.battleroyale.sources.venues.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checkpoint format of a {@link PollEnumState}. Version 1: pending count and splits (as in {@link
 * PollSplitSerializer} v1), then assigned count and UTF ids, in sorted order.
 */
public final class PollEnumStateSerializer implements SimpleVersionedSerializer<PollEnumState> {

    public static final int VERSION = 1;

    public static final PollEnumStateSerializer INSTANCE = new PollEnumStateSerializer();

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PollEnumState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.pending().size());
            for (PollSplit split : state.pending()) {
                PollSplitSerializer.write(split, out);
            }
            Set<String> assigned = new TreeSet<>(state.assigned());
            out.writeInt(assigned.size());
            for (String id : assigned) {
                out.writeUTF(id);
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public PollEnumState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "unknown poll enumerator state version "
                            + version
                            + " (this build reads "
                            + VERSION
                            + ")");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            List<PollSplit> pending = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                pending.add(PollSplitSerializer.read(in));
            }
            int m = in.readInt();
            Set<String> assigned = new TreeSet<>();
            for (int i = 0; i < m; i++) {
                assigned.add(in.readUTF());
            }
            return new PollEnumState(pending, assigned);
        }
    }
}
