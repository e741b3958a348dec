/** Live price bars: the Alpaca and Coinbase clients, credentials, and the bar poller. */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.prices;

import javax.annotation.ParametersAreNonnullByDefault;
