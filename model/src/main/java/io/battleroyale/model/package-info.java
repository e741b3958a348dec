/**
 * The event vocabulary every stage of the battle speaks: immutable records that Flink serializes as
 * POJOs, without Kryo.
 *
 * <p>Times are epoch milliseconds UTC of event time ({@code ts*} fields), never the wall clock. A
 * bar's {@code tsEvent} is its start; decisions on a bar are taken at its end.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.model;

import javax.annotation.ParametersAreNonnullByDefault;
