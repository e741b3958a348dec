/** Kalshi: its REST client and its request signer. */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.kalshi;

import javax.annotation.ParametersAreNonnullByDefault;
