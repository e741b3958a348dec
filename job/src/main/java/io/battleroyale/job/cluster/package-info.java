/**
 * A Flink standalone session cluster on one machine ({@code ./battle cluster}): one JobManager and
 * two TaskManagers as separate JVMs, and the REST calls that submit the job jar to it ({@code
 * ./battle submit}).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.cluster;

import javax.annotation.ParametersAreNonnullByDefault;
