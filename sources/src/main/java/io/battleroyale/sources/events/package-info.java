/**
 * The event map: which prediction-market event keys move which symbols, with signed sensitivities.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.events;

import javax.annotation.ParametersAreNonnullByDefault;
