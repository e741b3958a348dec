package io.battleroyale.sources.venues.source;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollSerializersTest {

    @Test
    void splitRoundTrips() throws IOException {
        for (PollSplit split :
                List.of(
                        new PollSplit("kalshi:KXFED-26JUN-T3.75", 1_780_272_000_000L),
                        new PollSplit("polymarket:fed-cuts-ünïcode", PollSplit.NO_CURSOR),
                        new PollSplit("coinbase:BTC-USD", -1))) {
            byte[] bytes = PollSplitSerializer.INSTANCE.serialize(split);
            assertThat(PollSplitSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(split);
        }
    }

    @Test
    void unknownVersionOrTrailingBytesAreRefused() throws IOException {
        byte[] bytes = PollSplitSerializer.INSTANCE.serialize(new PollSplit("a", 1));
        assertThatThrownBy(() -> PollSplitSerializer.INSTANCE.deserialize(2, bytes))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> PollSplitSerializer.INSTANCE.deserialize(1, longer))
                .isInstanceOf(IOException.class);
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        PollEnumState state =
                new PollEnumState(
                        List.of(new PollSplit("a", 5), new PollSplit("b", PollSplit.NO_CURSOR)),
                        Set.of("c", "d"));
        byte[] bytes = PollEnumStateSerializer.INSTANCE.serialize(state);
        assertThat(PollEnumStateSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(state);
    }
}
