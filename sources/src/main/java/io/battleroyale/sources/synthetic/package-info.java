/** The seeded synthetic market and its FLIP-27 sources (model: docs/synthetic-market.md). */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.synthetic;

import javax.annotation.ParametersAreNonnullByDefault;
