/**
 * Live runs ({@code run --use-events}, {@code record}): venue probabilities gated with the
 * synthetic model as fallback on the venue statuses the pollers send in the stream, health notices
 * on the console, and how a live input ends (a wall-clock duration, or the end of the run's clock
 * source, told through the JobManager).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.live;

import javax.annotation.ParametersAreNonnullByDefault;
