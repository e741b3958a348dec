/**
 * Probability-shift detection: CEP patterns per market (surge, drop, cross), one shift per move,
 * and the fan-out of each shift to the symbols it moves.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.shifts;

import javax.annotation.ParametersAreNonnullByDefault;
