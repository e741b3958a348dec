/**
 * The battle graph and how it runs: {@link io.battleroyale.job.BattleJob} wires sources to sinks
 * (injected, so tests run the real graph), {@link io.battleroyale.job.LocalFlink} derives a local
 * run's configuration from {@code flink-conf/config.yaml}, {@link
 * io.battleroyale.job.ClusterEntryPoint} runs the same commands on a cluster. May depend on every
 * other module.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job;

import javax.annotation.ParametersAreNonnullByDefault;
