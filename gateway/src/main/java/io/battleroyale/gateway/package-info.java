/**
 * The execution gateway, its own deployable ({@code battle-gateway.jar}): a REST and WebSocket API
 * that takes orders, checks them against hard limits, journals them in SQLite (locked by one owner)
 * and routes them to paper fills or Alpaca. Plain Java and Jetty; no Flink.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.gateway;

import javax.annotation.ParametersAreNonnullByDefault;
