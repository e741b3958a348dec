/**
 * The arena: one keyed operator per symbol runs every contestant (agent, book and sleeve) on each
 * market snapshot, with the agents' state in Flink keyed state. Depends on {@code functions} for
 * the agents' logic.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.arena;

import javax.annotation.ParametersAreNonnullByDefault;
