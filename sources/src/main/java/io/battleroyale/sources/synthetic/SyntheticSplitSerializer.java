package io.battleroyale.sources.synthetic;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Checkpoint format of splits (version 1: name, position) and of the enumerator's pending list. */
public final class SyntheticSplitSerializer implements SimpleVersionedSerializer<SyntheticSplit> {

    public static final SyntheticSplitSerializer INSTANCE = new SyntheticSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SyntheticSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public SyntheticSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        return read(new DataInputDeserializer(serialized));
    }

    private static void write(SyntheticSplit split, DataOutputSerializer out) throws IOException {
        out.writeUTF(split.name());
        out.writeLong(split.position());
    }

    private static SyntheticSplit read(DataInputDeserializer in) throws IOException {
        return new SyntheticSplit(in.readUTF(), in.readLong());
    }

    private static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown synthetic split version " + version);
        }
    }

    /** The enumerator's checkpoint: splits not yet assigned. */
    public static final class Pending implements SimpleVersionedSerializer<List<SyntheticSplit>> {

        public static final Pending INSTANCE = new Pending();

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(List<SyntheticSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeInt(splits.size());
            for (SyntheticSplit split : splits) {
                write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<SyntheticSplit> deserialize(int version, byte[] serialized) throws IOException {
            checkVersion(version);
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            List<SyntheticSplit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(read(in));
            }
            return out;
        }
    }
}
