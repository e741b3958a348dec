/**
 * Per-key trading logic in plain Java, hosted by Flink functions in {@code operators}: indicators,
 * agents, sleeves (books) and metrics.
 *
 * <p>Logic classes hold only their parameters and are {@link java.io.Serializable}; everything
 * remembered between bars lives in a separate state class that Flink serializes as a POJO (public
 * class, public no-argument constructor, public non-final fields), so it can sit in RocksDB without
 * Kryo.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.functions;

import javax.annotation.ParametersAreNonnullByDefault;
