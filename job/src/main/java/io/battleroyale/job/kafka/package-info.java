/**
 * The battle on a Kafka bus: which topics carry which stream, and the sources and exactly-once
 * sinks the graph gets for them (built from {@code io.battleroyale.sources.kafka}).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.kafka;

import javax.annotation.ParametersAreNonnullByDefault;
