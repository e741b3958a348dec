/**
 * What crosses a process boundary as JSON, written and read by the same code on both sides: the
 * order message the job's gateway sink posts and the gateway parses. Depends on the model and
 * Jackson only.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.model.wire;

import javax.annotation.ParametersAreNonnullByDefault;
