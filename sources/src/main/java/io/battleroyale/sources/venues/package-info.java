/**
 * What the prediction-market venues have in common: a venue's markets and probabilities, paging,
 * skipped rows with their reasons, and the {@code markets} inspector. Each venue lives in its own
 * package beside this one.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues;

import javax.annotation.ParametersAreNonnullByDefault;
