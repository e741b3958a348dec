package io.battleroyale.sources.synthetic;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.venues.source.ReaderDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkpoint and restore of the reader itself: snapshot mid-stream, serialize the splits as Flink
 * would, restore them into a new reader, and the output continues exactly.
 */
class SyntheticReaderTest {

    private static final SyntheticMarketConfig CONFIG =
            SyntheticMarketConfig.defaults(11, 1).withSymbols(List.of("SPY", "TLT", "BTC-USD"));

    @Test
    void snapshotAndRestoreContinueExactly() throws Exception {
        SyntheticSource<PriceBar> source = SyntheticSources.prices(CONFIG);
        Output out = new Output();

        var first = source.createReader(ReaderDriver.context());
        first.start();
        first.addSplits(
                List.of(
                        new SyntheticSplit("SPY", 0),
                        new SyntheticSplit("TLT", 0),
                        new SyntheticSplit("BTC-USD", 0)));
        for (int i = 0; i < 500; i++) {
            assertThat(first.pollNext(out)).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
        List<SyntheticSplit> snapshot = new ArrayList<>();
        for (SyntheticSplit split : first.snapshotState(1)) {
            var s = source.getSplitSerializer();
            snapshot.add(s.deserialize(s.getVersion(), s.serialize(split)));
        }
        first.pollNext(out); // emitted after the checkpoint: replayed after restore, then dropped
        out.records.remove(out.records.size() - 1);
        out.timestamps.remove(out.timestamps.size() - 1);
        first.close();

        var second = source.createReader(ReaderDriver.context());
        second.start();
        second.addSplits(snapshot);
        second.notifyNoMoreSplits();
        InputStatus status;
        do {
            status = second.pollNext(out);
        } while (status == InputStatus.MORE_AVAILABLE);
        assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);

        SyntheticWorld world = new SyntheticWorld(CONFIG);
        assertThat(out.records).hasSize(3 * 390);
        for (String symbol : CONFIG.symbols()) {
            assertThat(out.records.stream().filter(b -> b.symbol().equals(symbol)).toList())
                    .isEqualTo(world.allPrices(symbol));
        }
        // the reader merges its splits by event time
        for (int i = 1; i < out.records.size(); i++) {
            assertThat(out.records.get(i).tsEvent())
                    .isGreaterThanOrEqualTo(out.records.get(i - 1).tsEvent());
        }
        assertThat(out.timestamps).isEqualTo(out.records.stream().map(PriceBar::tsEvent).toList());
    }

    @Test
    void enumeratorHandsOutSplitsBySubtask() {
        var source = SyntheticSources.probabilities(CONFIG);
        assertThat(source.splitNames()).containsExactly("fed_hike", "recession", "cpi_hot");
        assertThat(source.getBoundedness())
                .isEqualTo(org.apache.flink.api.connector.source.Boundedness.BOUNDED);
        assertThat(SyntheticSources.prices(CONFIG.withEpochs(0)).getBoundedness())
                .isEqualTo(org.apache.flink.api.connector.source.Boundedness.CONTINUOUS_UNBOUNDED);
    }

    private static final class Output implements ReaderOutput<PriceBar> {
        final List<PriceBar> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();

        @Override
        public void collect(PriceBar record) {
            throw new AssertionError("records must carry a timestamp");
        }

        @Override
        public void collect(PriceBar record, long timestamp) {
            records.add(record);
            timestamps.add(timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<PriceBar> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
