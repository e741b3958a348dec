package io.battleroyale.job.cli;

import io.battleroyale.operators.shifts.ShiftSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The probability-shift patterns (docs/events.md); {@code --shift-window} is on the command. */
final class ShiftOptions {

    @Option(
            names = "--shift-threshold",
            defaultValue = "0.15",
            paramLabel = "P",
            description =
                    "SURGE/DROP: a probability move of at least this much (0.15 = 15 points) within the shift window; WHIPSAW: the size of the move and of its reversal. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Option(
            names = "--cross-level",
            defaultValue = "0.70",
            paramLabel = "P",
            description =
                    "CROSS_UP/CROSS_DOWN: the probability level crossed. Default: ${DEFAULT-VALUE}.")
    double crossLevel;

    @Option(
            names = "--cross-confirm",
            defaultValue = "30m",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "CROSS_*: the probability must stay beyond the level this long; the shift is known at the first tick after it. Default: ${DEFAULT-VALUE}.")
    Duration crossConfirm;

    @Option(
            names = "--whipsaw-window",
            defaultValue = "4h",
            converter = Durations.class,
            paramLabel = "DURATION",
            description =
                    "WHIPSAW: a move and its reversal, both of at least the shift threshold, within this much event time. Default: ${DEFAULT-VALUE}.")
    Duration whipsawWindow;

    ShiftSettings settings(Duration shiftWindow) {
        return new ShiftSettings(
                threshold,
                shiftWindow.toMillis(),
                crossLevel,
                crossConfirm.toMillis(),
                whipsawWindow.toMillis());
    }
}
