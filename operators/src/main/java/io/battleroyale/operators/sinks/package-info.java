/**
 * File sinks whose output does not depend on thread timing: records in event-time order, written
 * once the watermark has passed them.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.sinks;

import javax.annotation.ParametersAreNonnullByDefault;
