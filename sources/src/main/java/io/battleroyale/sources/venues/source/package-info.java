/**
 * The polling source (FLIP-27) that turns venue and price-feed answers into event-time records,
 * with feed health and its metrics; a source can also emit each reader's health transitions as
 * {@code VenueStatus} records in its stream ({@link PollingSource#emitting}).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.source;

import javax.annotation.ParametersAreNonnullByDefault;
