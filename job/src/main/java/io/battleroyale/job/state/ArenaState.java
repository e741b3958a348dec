package io.battleroyale.job.state;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupStatePartitionStreamProvider;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.heap.HeapPriorityQueueSetFactory;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.state.api.runtime.NeverFireProcessingTimeService;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManagerImpl;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.tasks.StreamTaskCancellationContext;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;

import io.battleroyale.job.Uids;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The agent arena's keyed state (uid {@link Uids#AGENT_ARENA}, keyed by symbol) in a checkpoint or
 * savepoint, read and rewritten with the State Processor API in a local batch job.
 *
 * <p>Nothing here needs to know the agents' state types: the names of the arena's value states
 * ({@code agent.<name>}, {@code sleeve.<name>}, {@code open-period}, {@code risk}) and the
 * serializers they were written with come from the snapshot's own state meta data, so every state
 * is read (and written back) exactly as the job wrote it, whatever the roster was. Event-time and
 * processing-time timers are read per key too.
 *
 * <p>Backends: a canonical savepoint (what Ctrl-C and {@code battle stop} write) and a hashmap
 * checkpoint are read with the hashmap backend; a RocksDB native or incremental checkpoint only by
 * RocksDB, which is chosen when the snapshot holds such handles.
 */
public final class ArenaState {

    /** The arena's state for one symbol: every value state by name, and its timers. */
    public record Key(
            String symbol,
            Map<String, Object> values,
            List<Long> eventTimers,
            List<Long> processingTimers) {}

    /**
     * What the snapshot holds for the arena.
     *
     * @param serializers every value state of the arena and its serializer, by state name
     * @param otherStates state names of any other kind (not value state, not timers): prune keeps
     *     them only if there are none
     * @param keys one per symbol, by symbol
     */
    public record Contents(
            OperatorState operator,
            Map<String, TypeSerializer<?>> serializers,
            List<String> otherStates,
            boolean rocksDbNative,
            boolean timersInRawState,
            List<Key> keys) {

        /** Names of the agents with {@code agent.<name>} or {@code sleeve.<name>} state. */
        public TreeSet<String> agents() {
            TreeSet<String> agents = new TreeSet<>();
            for (Key key : keys) {
                for (String name : key.values().keySet()) {
                    agentOf(name).ifPresent(agents::add);
                }
            }
            return agents;
        }
    }

    /** Prefixes of the per-agent states ({@code Contestant}). */
    public static final String AGENT_PREFIX = "agent.";

    public static final String SLEEVE_PREFIX = "sleeve.";

    private ArenaState() {}

    /** The agent a state name belongs to, if it is an {@code agent.*} or {@code sleeve.*} state. */
    public static Optional<String> agentOf(String stateName) {
        if (stateName.startsWith(AGENT_PREFIX)) {
            return Optional.of(stateName.substring(AGENT_PREFIX.length()));
        }
        if (stateName.startsWith(SLEEVE_PREFIX)) {
            return Optional.of(stateName.substring(SLEEVE_PREFIX.length()));
        }
        return Optional.empty();
    }

    /** The arena's operator state in the metadata, if it holds any. */
    public static Optional<OperatorState> arena(CheckpointMetadata metadata) {
        OperatorID id = OperatorIdentifier.forUid(Uids.AGENT_ARENA).getOperatorId();
        return metadata.getOperatorStates().stream()
                .filter(op -> op.getOperatorID().equals(id))
                .filter(op -> op.getStates().stream().anyMatch(s -> !keyed(s).isEmpty()))
                .findFirst();
    }

    /**
     * Reads every value state and timer of the arena, for every symbol.
     *
     * @param folder the checkpoint or savepoint folder
     * @throws IllegalArgumentException when the snapshot holds no arena state
     */
    public static Contents read(Path folder, CheckpointMetadata metadata) throws Exception {
        OperatorState arena =
                arena(metadata)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                folder
                                                        + " holds no state of the agent arena"
                                                        + " (uid "
                                                        + Uids.AGENT_ARENA
                                                        + ")"));
        Map<String, TypeSerializer<?>> serializers = new TreeMap<>();
        List<String> others = new ArrayList<>();
        boolean rocksDb = listStates(arena, serializers, others);
        boolean rawTimers =
                arena.getStates().stream().anyMatch(s -> !s.getRawKeyedState().isEmpty());
        StreamExecutionEnvironment env = batchEnvironment(1);
        SavepointReader reader =
                SavepointReader.read(
                        env, folder.toUri().toString(), readingBackend(rocksDb, rawTimers));
        DataStream<Snapshot> stream =
                reader.readKeyedState(
                        OperatorIdentifier.forUid(Uids.AGENT_ARENA),
                        new Reader(serializers),
                        Types.STRING,
                        TypeInformation.of(Snapshot.class));
        List<Key> keys = new ArrayList<>();
        try (CloseableIterator<Snapshot> it = stream.executeAndCollect("state inspect")) {
            while (it.hasNext()) {
                keys.add(decode(it.next(), serializers));
            }
        }
        if (rawTimers) {
            keys = withRawTimers(keys, arena);
        }
        keys.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        return new Contents(
                arena, serializers, List.copyOf(others), rocksDb, rawTimers, List.copyOf(keys));
    }

    /**
     * Writes a new savepoint at {@code out}: the snapshot at {@code folder} with the arena
     * re-bootstrapped from {@code contents}, every value state and timer kept except the states
     * {@code dropped} names, each value first passed through {@code edit} (state name, value →
     * value; null drops it). Every other operator is copied as it is. The arena keeps its max
     * parallelism (its key groups); its state is written as one subtask's, which a restore splits
     * by key group at any parallelism.
     */
    public static void rewrite(
            Path folder,
            Path out,
            Contents contents,
            Set<String> dropped,
            BiFunction<String, Object, Object> edit)
            throws Exception {
        if (contents.timersInRawState()
                && contents.keys().stream().allMatch(k -> k.eventTimers().isEmpty())) {
            throw new IllegalArgumentException(
                    "the arena keeps raw keyed state (timers) but none could be read; rewriting"
                            + " would lose them");
        }
        if (!contents.otherStates().isEmpty()) {
            throw new IllegalArgumentException(
                    "the arena holds state this command cannot copy: " + contents.otherStates());
        }
        Map<String, TypeSerializer<?>> kept = new TreeMap<>(contents.serializers());
        kept.keySet().removeAll(dropped);
        List<Snapshot> snapshots = new ArrayList<>();
        for (Key key : contents.keys()) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : key.values().entrySet()) {
                if (!kept.containsKey(e.getKey())) {
                    continue;
                }
                Object v = edit.apply(e.getKey(), e.getValue());
                if (v != null) {
                    values.put(e.getKey(), v);
                }
            }
            if (values.isEmpty() && key.eventTimers().isEmpty()) {
                continue;
            }
            snapshots.add(
                    encode(
                            new Key(
                                    key.symbol(),
                                    values,
                                    key.eventTimers(),
                                    key.processingTimers()),
                            kept));
        }
        OperatorState arena = contents.operator();
        StreamExecutionEnvironment env = batchEnvironment(1);
        OperatorIdentifier id = OperatorIdentifier.forUid(Uids.AGENT_ARENA);
        // the rewritten arena is written by the hashmap backend in the canonical format, which
        // both backends restore (timers included); the other operators are copied as they are
        SavepointWriter writer =
                SavepointWriter.fromExistingSavepoint(
                                env, folder.toUri().toString(), new HashMapStateBackend())
                        .removeOperator(id);
        if (!snapshots.isEmpty()) {
            StateBootstrapTransformation<Snapshot> transformation =
                    OperatorTransformation.bootstrapWith(
                                    env.fromData(snapshots, TypeInformation.of(Snapshot.class)))
                            .setMaxParallelism(arena.getMaxParallelism())
                            .keyBy(s -> s.symbol, Types.STRING)
                            .transform(new Writer(kept));
            writer = writer.withOperator(id, transformation);
        }
        writer.write(out.toUri().toString());
        env.execute("state prune");
    }

    /**
     * The value states of the arena and their serializers, from the state meta data every keyed
     * snapshot starts with; other state kinds go to {@code others}, timers are left out.
     *
     * @return whether the snapshot is in RocksDB's native format
     */
    static boolean listStates(
            OperatorState arena, Map<String, TypeSerializer<?>> serializers, List<String> others)
            throws IOException {
        boolean rocksDb = false;
        ClassLoader classLoader = ArenaState.class.getClassLoader();
        for (OperatorSubtaskState subtask : arena.getStates()) {
            for (KeyedStateHandle handle : keyed(subtask)) {
                StreamStateHandle meta;
                if (handle instanceof IncrementalKeyedStateHandle incremental) {
                    rocksDb = true;
                    meta = incremental.getMetaDataStateHandle();
                } else if (handle instanceof KeyGroupsStateHandle groups) {
                    meta = groups;
                } else {
                    throw new IllegalArgumentException(
                            "keyed state of a kind this command cannot read: "
                                    + handle.getClass().getSimpleName());
                }
                KeyedBackendSerializationProxy<?> proxy =
                        new KeyedBackendSerializationProxy<>(classLoader);
                try (InputStream in = meta.openInputStream()) {
                    proxy.read(new DataInputViewStreamWrapper(in));
                }
                for (StateMetaInfoSnapshot state : proxy.getStateMetaInfoSnapshots()) {
                    String name = state.getName();
                    StateMetaInfoSnapshot.BackendStateType type = state.getBackendStateType();
                    if (type == StateMetaInfoSnapshot.BackendStateType.PRIORITY_QUEUE) {
                        continue; // timers: read through the reader's context
                    }
                    boolean value =
                            (type == StateMetaInfoSnapshot.BackendStateType.KEY_VALUE
                                            || type
                                                    == StateMetaInfoSnapshot.BackendStateType
                                                            .KEY_VALUE_V2)
                                    && "VALUE"
                                            .equals(
                                                    state.getOption(
                                                            StateMetaInfoSnapshot.CommonOptionsKeys
                                                                    .KEYED_STATE_TYPE));
                    if (!value) {
                        if (!others.contains(name)) {
                            others.add(name);
                        }
                        continue;
                    }
                    if (!serializers.containsKey(name)) {
                        serializers.put(
                                name,
                                state.getTypeSerializerSnapshot(
                                                StateMetaInfoSnapshot.CommonSerializerKeys
                                                        .VALUE_SERIALIZER)
                                        .restoreSerializer());
                    }
                }
            }
        }
        return rocksDb;
    }

    /**
     * The timers a RocksDB checkpoint with heap timers keeps in raw keyed state, which the State
     * Processor API's reader does not restore: read here with the timer service's own restore code
     * and added to each key's.
     */
    private static List<Key> withRawTimers(List<Key> keys, OperatorState arena) throws Exception {
        Map<String, TreeSet<Long>> event = new TreeMap<>();
        Map<String, TreeSet<Long>> processing = new TreeMap<>();
        int maxParallelism = arena.getMaxParallelism();
        for (OperatorSubtaskState subtask : arena.getStates()) {
            for (KeyedStateHandle handle : subtask.getRawKeyedState()) {
                if (!(handle instanceof KeyGroupsStateHandle groups)) {
                    throw new IllegalArgumentException(
                            "raw keyed state of a kind this command cannot read: "
                                    + handle.getClass().getSimpleName());
                }
                List<KeyGroupStatePartitionStreamProvider> streams = new ArrayList<>();
                List<InputStream> open = new ArrayList<>();
                try {
                    for (Tuple2<Integer, Long> group : groups.getGroupRangeOffsets()) {
                        FSDataInputStream in = groups.openInputStream();
                        open.add(in);
                        in.seek(group.f1);
                        streams.add(new KeyGroupStatePartitionStreamProvider(in, group.f0));
                    }
                    CurrentKey key = new CurrentKey();
                    KeyGroupRange range = groups.getKeyGroupRange();
                    InternalTimeServiceManagerImpl<String> timers =
                            InternalTimeServiceManagerImpl.create(
                                    UnregisteredMetricGroups.createUnregisteredTaskMetricGroup()
                                            .getIOMetricGroup(),
                                    new HeapPriorityQueueSetFactory(range, maxParallelism, 128),
                                    range,
                                    ArenaState.class.getClassLoader(),
                                    key,
                                    new NeverFireProcessingTimeService(),
                                    streams,
                                    StreamTaskCancellationContext.alwaysRunning());
                    InternalTimerService<VoidNamespace> service =
                            timers.getInternalTimerService(
                                    USER_TIMERS,
                                    StringSerializer.INSTANCE,
                                    VoidNamespaceSerializer.INSTANCE,
                                    new NoTrigger());
                    service.forEachEventTimeTimer(
                            (namespace, ts) ->
                                    event.computeIfAbsent(key.key, k -> new TreeSet<>()).add(ts));
                    service.forEachProcessingTimeTimer(
                            (namespace, ts) ->
                                    processing
                                            .computeIfAbsent(key.key, k -> new TreeSet<>())
                                            .add(ts));
                } finally {
                    for (InputStream in : open) {
                        in.close();
                    }
                }
            }
        }
        List<Key> merged = new ArrayList<>();
        for (Key k : keys) {
            TreeSet<Long> e = new TreeSet<>(k.eventTimers());
            e.addAll(event.getOrDefault(k.symbol(), new TreeSet<>()));
            TreeSet<Long> p = new TreeSet<>(k.processingTimers());
            p.addAll(processing.getOrDefault(k.symbol(), new TreeSet<>()));
            merged.add(new Key(k.symbol(), k.values(), List.copyOf(e), List.copyOf(p)));
        }
        return merged;
    }

    /** The name of a keyed process function's timer service. */
    private static final String USER_TIMERS = "user-timers";

    /** Remembers the key the timer service sets before it hands over each timer. */
    private static final class CurrentKey implements KeyContext {
        String key;

        @Override
        public void setCurrentKey(Object key) {
            this.key = (String) key;
        }

        @Override
        public Object getCurrentKey() {
            return key;
        }
    }

    private static final class NoTrigger implements Triggerable<String, VoidNamespace> {
        @Override
        public void onEventTime(InternalTimer<String, VoidNamespace> timer) {}

        @Override
        public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}
    }

    private static List<KeyedStateHandle> keyed(OperatorSubtaskState subtask) {
        List<KeyedStateHandle> handles = new ArrayList<>();
        subtask.getManagedKeyedState().forEach(handles::add);
        return handles;
    }

    /**
     * The backend that can read the snapshot: RocksDB for its native format, with its timers on the
     * heap when they were (the run's {@code state.backend.rocksdb.timer-service.factory: HEAP}: a
     * checkpoint then keeps them in raw keyed state); else the hashmap backend.
     */
    private static StateBackend readingBackend(boolean rocksDbNative, boolean timersInRawState) {
        if (!rocksDbNative) {
            return new HashMapStateBackend();
        }
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend();
        if (timersInRawState) {
            rocksDb.setPriorityQueueStateType(
                    EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
        return rocksDb;
    }

    /** A local batch job in this process, as the State Processor API runs. */
    static StreamExecutionEnvironment batchEnvironment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    @SuppressWarnings("unchecked")
    private static Key decode(Snapshot s, Map<String, TypeSerializer<?>> serializers)
            throws IOException {
        Map<String, Object> values = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : s.values.entrySet()) {
            TypeSerializer<Object> serializer =
                    (TypeSerializer<Object>) serializers.get(e.getKey());
            values.put(e.getKey(), serializer.deserialize(new DataInputDeserializer(e.getValue())));
        }
        return new Key(
                s.symbol,
                Collections.unmodifiableMap(values),
                List.copyOf(s.eventTimers),
                List.copyOf(s.processingTimers));
    }

    @SuppressWarnings("unchecked")
    private static Snapshot encode(Key key, Map<String, TypeSerializer<?>> serializers)
            throws IOException {
        Snapshot s = new Snapshot();
        s.symbol = key.symbol();
        for (Map.Entry<String, Object> e : key.values().entrySet()) {
            s.values.put(
                    e.getKey(),
                    bytes((TypeSerializer<Object>) serializers.get(e.getKey()), e.getValue()));
        }
        s.eventTimers = new ArrayList<>(key.eventTimers());
        s.processingTimers = new ArrayList<>(key.processingTimers());
        return s;
    }

    private static byte[] bytes(TypeSerializer<Object> serializer, Object value)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    /**
     * One symbol's arena state in transit between the batch job and this process: each value
     * serialized with its state's own serializer. A Flink POJO.
     */
    public static class Snapshot {
        public String symbol;
        public Map<String, byte[]> values = new HashMap<>();
        public List<Long> eventTimers = new ArrayList<>();
        public List<Long> processingTimers = new ArrayList<>();

        public Snapshot() {}
    }

    /** Reads every value state of one key, as bytes, and the key's timers. */
    static final class Reader extends KeyedStateReaderFunction<String, Snapshot> {
        private static final long serialVersionUID = 1L;

        private final Map<String, TypeSerializer<?>> serializers;
        private transient Map<String, ValueState<Object>> states;

        Reader(Map<String, TypeSerializer<?>> serializers) {
            this.serializers = new TreeMap<>(serializers);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open(OpenContext context) {
            states = new TreeMap<>();
            for (Map.Entry<String, TypeSerializer<?>> e : serializers.entrySet()) {
                states.put(
                        e.getKey(),
                        getRuntimeContext()
                                .getState(
                                        new ValueStateDescriptor<>(
                                                e.getKey(),
                                                (TypeSerializer<Object>) e.getValue())));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readKey(String key, Context ctx, Collector<Snapshot> out) throws Exception {
            Snapshot s = new Snapshot();
            s.symbol = key;
            for (Map.Entry<String, ValueState<Object>> e : states.entrySet()) {
                Object v = e.getValue().value();
                if (v != null) {
                    s.values.put(
                            e.getKey(),
                            bytes((TypeSerializer<Object>) serializers.get(e.getKey()), v));
                }
            }
            s.eventTimers = new ArrayList<>(new TreeSet<>(ctx.registeredEventTimeTimers()));
            s.processingTimers =
                    new ArrayList<>(new TreeSet<>(ctx.registeredProcessingTimeTimers()));
            out.collect(s);
        }
    }

    /** Writes one key's value states and timers back. */
    static final class Writer extends KeyedStateBootstrapFunction<String, Snapshot> {
        private static final long serialVersionUID = 1L;

        private final Map<String, TypeSerializer<?>> serializers;
        private transient Map<String, ValueState<Object>> states;

        Writer(Map<String, TypeSerializer<?>> serializers) {
            this.serializers = new TreeMap<>(serializers);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void open(OpenContext context) {
            states = new TreeMap<>();
            for (Map.Entry<String, TypeSerializer<?>> e : serializers.entrySet()) {
                states.put(
                        e.getKey(),
                        getRuntimeContext()
                                .getState(
                                        new ValueStateDescriptor<>(
                                                e.getKey(),
                                                (TypeSerializer<Object>) e.getValue())));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void processElement(Snapshot s, Context ctx) throws Exception {
            for (Map.Entry<String, byte[]> e : s.values.entrySet()) {
                TypeSerializer<Object> serializer =
                        (TypeSerializer<Object>) serializers.get(e.getKey());
                states.get(e.getKey())
                        .update(serializer.deserialize(new DataInputDeserializer(e.getValue())));
            }
            for (long t : s.eventTimers) {
                ctx.timerService().registerEventTimeTimer(t);
            }
            for (long t : s.processingTimers) {
                ctx.timerService().registerProcessingTimeTimer(t);
            }
        }
    }
}
