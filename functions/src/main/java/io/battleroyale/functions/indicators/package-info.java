@ParametersAreNonnullByDefault
package io.battleroyale.functions.indicators;

import javax.annotation.ParametersAreNonnullByDefault;
