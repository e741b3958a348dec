/** Polymarket: its REST client (Gamma markets, CLOB prices). */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.polymarket;

import javax.annotation.ParametersAreNonnullByDefault;
