@ParametersAreNonnullByDefault
package io.battleroyale.functions.metrics;

import javax.annotation.ParametersAreNonnullByDefault;
