/**
 * The symbol join: price bars paired with the probabilities and shifts as of each bar's end, and
 * what feeds it (the event fan-out, the tick filter, the replay guard {@link
 * io.battleroyale.operators.join.NeverIdle}).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.join;

import javax.annotation.ParametersAreNonnullByDefault;
