/**
 * Stress scenarios: each one a documented, seeded transformation of the input streams of a bounded
 * run, and the injector that applies them in front of the graph.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.stress;

import javax.annotation.ParametersAreNonnullByDefault;
