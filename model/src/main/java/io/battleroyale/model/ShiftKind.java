package io.battleroyale.model;

/** The named patterns a probability series can show. */
public enum ShiftKind {
    SURGE,
    DROP,
    CROSS_UP,
    CROSS_DOWN,
    WHIPSAW
}
