package io.battleroyale.job.cli;

import picocli.CommandLine;

import java.time.Duration;

/**
 * Reads a duration flag with the one grammar of {@link io.battleroyale.model.bounds.Durations}:
 * {@code 500ms}, {@code 30s}, {@code 15m}, {@code 6h30m}, {@code 1d}.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return io.battleroyale.model.bounds.Durations.parse("duration", text);
        } catch (IllegalArgumentException e) {
            // picocli names the option in front of this message
            throw new CommandLine.TypeConversionException(
                    e.getMessage().substring("duration: ".length()));
        }
    }
}
