package io.battleroyale.sources.kafka;

import io.battleroyale.model.PriceBar;
import io.battleroyale.sources.files.CsvReplay;
import io.battleroyale.sources.files.CsvRow;
import io.battleroyale.sources.files.CsvSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRecordDeserializerTest {

    private final JsonRecordDeserializer<PriceBar> deserializer =
            new JsonRecordDeserializer<>(CsvSchema.PRICES, CsvReplay.PRICE_ROW);
    private final List<CsvRow<PriceBar>> rows = new ArrayList<>();

    private void read(int partition, long offset, long ts) {
        String json =
                "{\"version\":1,\"timestamp\":"
                        + ts
                        + ",\"symbol\":\"SPY\",\"open\":1,\"high\":2,\"low\":1,\"close\":1.5,"
                        + "\"volume\":10}";
        deserializer.deserialize(
                new ConsumerRecord<>(
                        "battle.prices",
                        partition,
                        offset,
                        null,
                        json.getBytes(StandardCharsets.UTF_8)),
                new org.apache.flink.util.Collector<>() {
                    @Override
                    public void collect(CsvRow<PriceBar> row) {
                        rows.add(row);
                    }

                    @Override
                    public void close() {}
                });
    }

    @Test
    void aBarBehindItsSymbolsPreviousBarOnThePartitionIsRefusedWithItsOffset() {
        read(0, 10, 1_700_000_060_000L);
        read(0, 11, 1_700_000_000_000L); // behind offset 10
        read(0, 12, 1_700_000_060_000L); // the same start again
        read(1, 5, 1_700_000_000_000L); // another partition has its own order
        read(0, 13, 1_700_000_120_000L);

        assertThat(rows)
                .extracting(r -> r.value() != null)
                .containsExactly(true, false, false, true, true);
        assertThat(rows.get(1).rejected().origin()).isEqualTo("battle.prices-0@11");
        assertThat(rows.get(1).rejected().reason())
                .isEqualTo(
                        "timestamp: 1700000000000 of SPY is not after its previous bar at"
                                + " 1700000060000");
        assertThat(rows.get(2).rejected().origin()).isEqualTo("battle.prices-0@12");
    }
}
