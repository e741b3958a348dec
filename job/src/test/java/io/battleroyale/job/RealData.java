package io.battleroyale.job;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded market data kept beside the repository ({@code ../shared/data/real}). */
final class RealData {
    private RealData() {}

    static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/real").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("recorded data not found beside the repository: " + relative);
        throw new AssertionError("unreachable");
    }
}
