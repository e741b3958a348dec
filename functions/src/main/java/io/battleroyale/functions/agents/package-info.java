@ParametersAreNonnullByDefault
package io.battleroyale.functions.agents;

import javax.annotation.ParametersAreNonnullByDefault;
