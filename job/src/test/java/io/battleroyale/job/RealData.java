package io.battleroyale.job;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded market data kept beside the repository ({@code ../shared/data/real}). Tests that
 * need it are skipped on a machine without it, and fail under {@code CI=true}.
 */
final class RealData {
    private RealData() {}

    static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/real").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String missing = "recorded data not found beside the repository: " + relative;
        if ("true".equals(System.getenv("CI"))) {
            // CI lays shared/ beside the clone: a missing file there is a broken setup, not a skip
            throw new AssertionError(missing + " (CI=true: ../shared/data/real must be present)");
        }
        Assumptions.abort(missing);
        throw new AssertionError("unreachable");
    }
}
