package io.battleroyale.sources.venues.source;

import java.io.Serializable;

/** Extracts a record's event time (epoch ms); serializable so a source can carry it. */
@FunctionalInterface
public interface EventTime<T> extends Serializable {
    long of(T record);
}
