/**
 * The polling source (FLIP-27) that turns venue and price-feed answers into event-time records,
 * with feed health and its metrics.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.source;

import javax.annotation.ParametersAreNonnullByDefault;
