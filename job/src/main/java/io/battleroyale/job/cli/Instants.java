package io.battleroyale.job.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a point in time as a date ({@code 2024-03-20}, UTC midnight), an instant or epoch ms. */
final class Instants implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        String value = text.trim();
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CommandLine.TypeConversionException(
                    "'"
                            + text
                            + "' is not a time (examples: 2024-03-20, 2024-03-20T18:00:00Z,"
                            + " 1710957600000)");
        }
    }
}
