/**
 * The agent arena's state in a checkpoint or savepoint, read and rewritten with the State Processor
 * API outside any running job: what {@code battle state inspect} shows per agent and what {@code
 * battle state prune} drops.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.state;

import javax.annotation.ParametersAreNonnullByDefault;
