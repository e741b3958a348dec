package io.battleroyale.sources.synthetic;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One symbol's (or one event's) series.
 *
 * @param name the symbol or event key; also the split id
 * @param position bars already simulated behind the last emitted record; a restored reader
 *     re-simulates up to here and continues
 */
public record SyntheticSplit(String name, long position) implements SourceSplit {

    @Override
    public String splitId() {
        return name;
    }
}
