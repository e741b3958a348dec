@ParametersAreNonnullByDefault
package io.battleroyale.functions.book;

import javax.annotation.ParametersAreNonnullByDefault;
