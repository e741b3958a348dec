package io.battleroyale.job.live;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;

import io.battleroyale.model.ProbabilityTick;
import io.battleroyale.sources.testing.FlinkTesting;
import io.battleroyale.sources.venues.source.PollSettings;
import io.battleroyale.sources.venues.source.ProbabilitySources;
import io.battleroyale.sources.venues.source.VenueMarketRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A bounded run ends its live sources when its clock (the synthetic model) has ended, which can
 * happen before the live readers have registered (the synthetic events of a short run end within a
 * second). The readers must then end cleanly, after the splits the enumerator assigns them on
 * registration have reached them, or those splits would reach finished tasks and fail the job.
 */
class UntilSourceITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = FlinkTesting.miniCluster(1, 2);

    private static final String CLOCK = "until-source-it";

    @Test
    void liveSourcesEndWithTheClockAndTheJobEndsCleanly() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        // two markets: each of the two readers is assigned a split when it registers
        var live =
                ProbabilitySources.kalshi(
                        "http://127.0.0.1:" + closed + "/trade-api/v2",
                        List.of(
                                VenueMarketRef.kalshi("KXA-26", "A:yes"),
                                VenueMarketRef.kalshi("KXB-26", "B:yes")),
                        PollSettings.live(Duration.ofSeconds(1)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(
                        ClockEnd.of(new NumberSequenceSource(1, 4), Types.LONG, CLOCK),
                        WatermarkStrategy.noWatermarks(),
                        "clock")
                .uid("clock")
                .sinkTo(new DiscardingSink<>())
                .name("discard clock")
                .uid("discard-clock");
        env.fromSource(
                        UntilSource.endingWith(
                                live, TypeInformation.of(ProbabilityTick.class), CLOCK),
                        WatermarkStrategy.noWatermarks(),
                        "live kalshi")
                .uid("live-kalshi")
                .sinkTo(new DiscardingSink<>())
                .name("discard")
                .uid("discard");

        // the live source alone would poll forever: ending at all is the clock's doing
        JobClient job = env.executeAsync("until-source");
        assertThatCode(() -> job.getJobExecutionResult().get(2, TimeUnit.MINUTES))
                .doesNotThrowAnyException();
    }
}
