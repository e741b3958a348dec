/**
 * The stress battery: the baseline and each scenario run on the same graph, their timelines, and
 * the verdict rules (breaks, degrades, adapts) written into {@code stress.json}.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.stress;

import javax.annotation.ParametersAreNonnullByDefault;
