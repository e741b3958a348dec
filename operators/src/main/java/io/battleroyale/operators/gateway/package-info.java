/**
 * The sink that posts approved orders to the execution gateway, idempotently by client order id,
 * and flushes them on each checkpoint.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.operators.gateway;

import javax.annotation.ParametersAreNonnullByDefault;
