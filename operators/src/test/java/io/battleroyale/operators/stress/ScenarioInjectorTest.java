package io.battleroyale.operators.stress;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import io.battleroyale.model.PriceBar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyed price function in Flink gives what the plain scenario gives, per symbol. */
class ScenarioInjectorTest {

    @Test
    void theKeyedFunctionRemembersEachSymbolsClosesInState() throws Exception {
        var spike = new VolatilitySpike(List.of(), 60_000, 180_000, 2.0);
        List<PriceBar> spy = ScenarioTest.closes("SPY", 100, 101, 99, 102, 103);
        List<PriceBar> qqq = ScenarioTest.closes("QQQ", 50, 49, 52, 51, 50);
        List<PriceBar> out = new ArrayList<>();
        try (var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ScenarioInjector.PriceInjector(spike)),
                        PriceBar::symbol,
                        Types.STRING)) {
            harness.open();
            for (int i = 0; i < spy.size(); i++) { // interleaved symbols
                harness.processElement(spy.get(i), spy.get(i).tsEvent());
                harness.processElement(qqq.get(i), qqq.get(i).tsEvent());
            }
            for (Object o : harness.getOutput()) {
                if (o instanceof StreamRecord<?> r) {
                    out.add((PriceBar) r.getValue());
                }
            }
        }
        assertThat(out.stream().filter(b -> b.symbol().equals("SPY")).toList())
                .isEqualTo(ScenarioTest.apply(spike, spy));
        assertThat(out.stream().filter(b -> b.symbol().equals("QQQ")).toList())
                .isEqualTo(ScenarioTest.apply(spike, qqq));
        assertThat(out.get(2).close()).isNotEqualTo(101.0); // the spike did act
    }
}
