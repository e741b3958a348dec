/** The leaderboard: every agent's sleeves summed per mark period into one standing. */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.leaderboard;

import javax.annotation.ParametersAreNonnullByDefault;
