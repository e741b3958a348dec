/**
 * Counts per name (symbol, event group, agent) as a Flink accumulator, merged over every subtask
 * and read from the job's result: what the run saw, for {@code summary.json} and its warnings.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.counts;

import javax.annotation.ParametersAreNonnullByDefault;
