/**
 * Pre-trade risk in the graph: the per-agent risk gate in front of every order, and the flash-crash
 * circuit breaker that pauses a symbol's trading.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.risk;

import javax.annotation.ParametersAreNonnullByDefault;
