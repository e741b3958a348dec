/**
 * Kafka in and out: JSON messages checked at the boundary (bad ones refused with their reason), the
 * replay sources with event time from the payload, and exactly-once transactional sinks.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.kafka;

import javax.annotation.ParametersAreNonnullByDefault;
