package io.battleroyale.functions.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskLimitsTest {

    @Test
    void noneSwitchesEveryRuleOff() {
        RiskLimits none = RiskLimits.none();
        assertThat(none.isNone()).isTrue();
        assertThat(none.circuitBreakerEnabled()).isFalse();
        assertThat(none.toText())
                .isEqualTo(
                        "max_position=off,max_gross_exposure=off,max_order_notional=off,"
                                + "price_band=off,max_data_age=off,max_orders=off,"
                                + "order_rate_window=off,max_drawdown=off,circuit_breaker_drop=off,"
                                + "circuit_breaker_window=off,circuit_breaker_cooldown=off");
        assertThat(RiskLimits.parse("")).isEqualTo(none);
        assertThat(RiskLimits.parse("none", RiskLimits.defaults())).isEqualTo(none);
    }

    @Test
    void defaultsSetEveryRule() {
        assertThat(RiskLimits.defaults().toText())
                .isEqualTo(
                        "max_position=100000,max_gross_exposure=1000000,max_order_notional=250000,"
                                + "price_band=0.1,max_data_age=1h,max_orders=30,"
                                + "order_rate_window=1m,max_drawdown=0.5,circuit_breaker_drop=0.05,"
                                + "circuit_breaker_window=5m,circuit_breaker_cooldown=15m");
        assertThat(RiskLimits.parse("defaults")).isEqualTo(RiskLimits.defaults());
        assertThat(RiskLimits.parse(RiskLimits.defaults().toText()))
                .isEqualTo(RiskLimits.defaults());
    }

    @Test
    void parsesNumbersPercentagesDurationsAndOff() {
        RiskLimits limits =
                RiskLimits.parse(
                        " max_order_notional=100_000 , max_position=1000,price_band=2.5%,"
                                + "max_data_age=90s,max_orders=5,order_rate_window=250ms,"
                                + "MAX_DRAWDOWN=0.3");
        assertThat(limits.maxOrderNotional()).isEqualTo(100_000.0);
        assertThat(limits.maxPosition()).isEqualTo(1_000.0);
        assertThat(limits.priceBand()).isEqualTo(0.025);
        assertThat(limits.maxDataAge()).isEqualTo(Duration.ofSeconds(90));
        assertThat(limits.maxOrdersPerWindow()).isEqualTo(5);
        assertThat(limits.orderRateWindow()).isEqualTo(Duration.ofMillis(250));
        assertThat(limits.maxDrawdown()).isEqualTo(0.3);
        assertThat(limits.maxGrossExposure()).isNull();

        RiskLimits overlaid =
                RiskLimits.parse("max_data_age=off,max_position=5", RiskLimits.defaults());
        assertThat(overlaid.maxDataAge()).isNull();
        assertThat(overlaid.maxPosition()).isEqualTo(5.0);
        assertThat(overlaid.maxOrderNotional()).isEqualTo(250_000.0);
        assertThat(RiskLimits.parse("max_data_age=1d").maxDataAge()).isEqualTo(Duration.ofDays(1));
        // one grammar with every duration flag: a bare number has no unit and is refused
        assertThatThrownBy(() -> RiskLimits.parse("max_data_age=60000"))
                .hasMessageContaining("not a duration");
        assertThat(RiskLimits.parse("max_data_age=1h30m").maxDataAge())
                .isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void anUnknownKeyListsTheValidKeys() {
        assertThatThrownBy(() -> RiskLimits.parse("max_notional=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown risk key 'max_notional'; valid keys: max_position,"
                                + " max_gross_exposure, max_order_notional, price_band,"
                                + " max_data_age, max_orders, order_rate_window, max_drawdown,"
                                + " circuit_breaker_drop, circuit_breaker_window,"
                                + " circuit_breaker_cooldown");
        assertThatThrownBy(() -> RiskLimits.parse("max_position"))
                .hasMessageStartingWith(
                        "risk setting 'max_position' is not key=value; valid keys: max_position,");
    }

    @Test
    void badValuesAreRefusedWithTheKeyAndTheReason() {
        assertThatThrownBy(() -> RiskLimits.parse("max_position=lots"))
                .hasMessage("bad value for risk key max_position: 'lots' is not a number");
        assertThatThrownBy(() -> RiskLimits.parse("max_data_age=5 weeks"))
                .hasMessage(
                        "bad value for risk key max_data_age: max_data_age: '5 weeks' is not a"
                                + " duration (examples: 500ms, 30s, 15m, 6h30m, 1d)");
        assertThatThrownBy(() -> RiskLimits.parse("max_position=Infinity"))
                .hasMessageContaining("is not finite (use 'off' to switch a rule off)");
        assertThatThrownBy(() -> RiskLimits.parse("max_position="))
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> RiskLimits.parse("max_position=-1"))
                .hasMessage(
                        "inconsistent risk limits: max_position must be finite and > 0, got -1.0");
        assertThatThrownBy(() -> RiskLimits.parse("max_drawdown=150%"))
                .hasMessageContaining("max_drawdown must be a fraction in (0, 1)");
        assertThatThrownBy(() -> RiskLimits.parse("max_orders=10"))
                .hasMessage(
                        "inconsistent risk limits: max_orders needs order_rate_window (e.g. 1m)");
        assertThatThrownBy(() -> RiskLimits.parse("circuit_breaker_cooldown=10m"))
                .hasMessageContaining("circuit_breaker_cooldown needs circuit_breaker_drop");
    }
}
