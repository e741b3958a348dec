package io.battleroyale.sources.synthetic;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A FLIP-27 source over the synthetic market: one split per symbol (prices) or per event
 * (probabilities). Bounded when the config has epochs, unbounded otherwise. Records carry their
 * event time as the record timestamp; use {@link SyntheticSources#watermarks()}.
 */
public final class SyntheticSource<T>
        implements Source<T, SyntheticSplit, List<SyntheticSplit>>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    enum Kind {
        PRICES,
        PROBABILITIES
    }

    private final SyntheticMarketConfig config;
    private final Kind kind;
    private final TypeInformation<T> type;

    SyntheticSource(SyntheticMarketConfig config, Kind kind, TypeInformation<T> type) {
        this.config = config;
        this.kind = kind;
        this.type = type;
    }

    public SyntheticMarketConfig config() {
        return config;
    }

    /** Split names in assignment order: the symbols, or the event keys. */
    public List<String> splitNames() {
        return kind == Kind.PRICES
                ? config.symbols()
                : config.events().stream().map(SyntheticEvent::key).toList();
    }

    @Override
    public Boundedness getBoundedness() {
        return config.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, SyntheticSplit> createReader(SourceReaderContext readerContext) {
        return new SyntheticReader<>(readerContext, new SyntheticWorld(config), cursors());
    }

    @SuppressWarnings("unchecked")
    private BiFunction<SyntheticWorld, String, SyntheticCursor<T>> cursors() {
        return kind == Kind.PRICES
                ? (world, name) -> (SyntheticCursor<T>) world.prices(name)
                : (world, name) -> (SyntheticCursor<T>) world.probabilities(name);
    }

    @Override
    public SplitEnumerator<SyntheticSplit, List<SyntheticSplit>> createEnumerator(
            SplitEnumeratorContext<SyntheticSplit> enumContext) {
        List<SyntheticSplit> all =
                splitNames().stream().map(name -> new SyntheticSplit(name, 0)).toList();
        return new SyntheticEnumerator(enumContext, splitNames(), all);
    }

    @Override
    public SplitEnumerator<SyntheticSplit, List<SyntheticSplit>> restoreEnumerator(
            SplitEnumeratorContext<SyntheticSplit> enumContext, List<SyntheticSplit> checkpoint) {
        return new SyntheticEnumerator(enumContext, splitNames(), checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SyntheticSplit> getSplitSerializer() {
        return SyntheticSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<SyntheticSplit>> getEnumeratorCheckpointSerializer() {
        return SyntheticSplitSerializer.Pending.INSTANCE;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
