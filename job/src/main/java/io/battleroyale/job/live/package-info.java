/**
 * Live runs ({@code run --use-events}, {@code record}): venue probabilities gated with the
 * synthetic model as fallback, health notices on the console, and how a live input ends.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.live;

import javax.annotation.ParametersAreNonnullByDefault;
