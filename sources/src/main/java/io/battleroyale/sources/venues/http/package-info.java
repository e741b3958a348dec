/**
 * HTTP for every venue: one client with timeouts, the retry and {@code Retry-After} policy, a token
 * bucket, request signing, and the clock it all reads.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.venues.http;

import javax.annotation.ParametersAreNonnullByDefault;
