/**
 * Pre-trade risk checks in plain Java: one {@link io.battleroyale.functions.risk.RiskRule} class
 * per rule, {@link io.battleroyale.functions.risk.RiskLimits} (the config, off by default) and
 * {@link io.battleroyale.functions.risk.RiskGate}, which evaluates every rule over a {@link
 * io.battleroyale.functions.risk.RiskState} POJO that a Flink function keeps in keyed state.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.functions.risk;

import javax.annotation.ParametersAreNonnullByDefault;
