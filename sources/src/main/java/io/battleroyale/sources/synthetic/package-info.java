/** The seeded synthetic market and its FLIP-27 sources (model: sources/SYNTHETIC.md). */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.synthetic;

import javax.annotation.ParametersAreNonnullByDefault;
