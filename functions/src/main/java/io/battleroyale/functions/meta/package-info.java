/**
 * The Thompson-sampling meta-agent: market regimes, Beta posteriors per regime and arm, and the
 * signals it follows. Plain Java; no Flink.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.functions.meta;

import javax.annotation.ParametersAreNonnullByDefault;
