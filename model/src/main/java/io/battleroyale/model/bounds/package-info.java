/**
 * What an input value may be, checked once at every boundary (CSV files, venue answers, the
 * gateway's API, command-line flags): the time window, the symbol rule, finite upper bounds on
 * sizes, and how long a refused value may be when echoed back. Plain Java; depends on nothing.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.model.bounds;

import javax.annotation.ParametersAreNonnullByDefault;
