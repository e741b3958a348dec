package io.battleroyale.job.stress;

import io.battleroyale.operators.stress.FlashCrash;
import io.battleroyale.operators.stress.HistoricalPath;
import io.battleroyale.operators.stress.ProbabilityWhipsaw;
import io.battleroyale.operators.stress.RateShock;
import io.battleroyale.operators.stress.Scenario;
import io.battleroyale.operators.stress.StaleFeed;
import io.battleroyale.operators.stress.VenueOutage;
import io.battleroyale.operators.stress.VolatilitySpike;
import io.battleroyale.sources.events.EventMap;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The default stress battery, placed on a run's timeline. Each scenario starts at a fixed fraction
 * of the run moved by a seeded jitter of up to ±5% of the run ({@code SplittableRandom(seed ⊕
 * FNV-1a(name))}, so one scenario's placement does not depend on the others); the stale feed's
 * symbol is drawn the same way. docs/stress.md lists every default.
 */
public final class Battery {

    /** Every scenario name, in the order a battery runs them. */
    public static final List<String> NAMES =
            List.of(
                    VolatilitySpike.NAME,
                    FlashCrash.NAME,
                    RateShock.NAME,
                    ProbabilityWhipsaw.NAME,
                    StaleFeed.NAME,
                    VenueOutage.NAME,
                    HistoricalPath.NAME);

    /** The bundled hand-made 2022-style hike cycle, replayed when no path file is given. */
    public static final String HIKE_CYCLE = "stress/hike-cycle-2022.csv";

    private final Timeline timeline;
    private final long seed;
    private final EventMap eventMap;
    @Nullable private final Path pathFile;

    public Battery(Timeline timeline, long seed, EventMap eventMap, @Nullable Path pathFile) {
        this.timeline = timeline;
        this.seed = seed;
        this.eventMap = eventMap;
        this.pathFile = pathFile;
    }

    /** {@code all} or a comma-separated list of names, in battery order. */
    public List<Scenario> select(String names) {
        List<String> wanted = new ArrayList<>();
        if (names.trim().equals("all")) {
            wanted.addAll(NAMES);
        } else {
            for (String n : names.split(",")) {
                String name = n.trim();
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException(
                            "--scenarios: unknown scenario '"
                                    + name
                                    + "'; expected all or some of "
                                    + String.join(",", NAMES));
                }
                if (!wanted.contains(name)) {
                    wanted.add(name);
                }
            }
        }
        List<Scenario> out = new ArrayList<>();
        for (String name : NAMES) {
            if (wanted.contains(name)) {
                out.add(scenario(name));
            }
        }
        return out;
    }

    /** One scenario with its default parameters on this timeline and seed. */
    public Scenario scenario(String name) {
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a(name));
        double jitter = random.nextDouble(-0.05, 0.05);
        long bar = timeline.barLengthMs();
        List<String> all = List.of();
        return switch (name) {
            case VolatilitySpike.NAME ->
                    new VolatilitySpike(
                            all, timeline.at(0.40 + jitter), timeline.at(0.50 + jitter), 4.0);
            case FlashCrash.NAME ->
                    new FlashCrash(
                            all,
                            timeline.at(0.50 + jitter),
                            Math.max(bar, 15 * 60_000L),
                            Math.max(4 * bar, 60 * 60_000L),
                            0.25,
                            0.5);
            case RateShock.NAME ->
                    new RateShock(eventMap, "fed_hike", timeline.at(0.50 + jitter), 0.40, 0.10);
            case ProbabilityWhipsaw.NAME ->
                    new ProbabilityWhipsaw(
                            eventMap,
                            "fed_hike",
                            timeline.at(0.45 + jitter),
                            timeline.at(0.55 + jitter),
                            3 * bar,
                            0.20);
            case StaleFeed.NAME ->
                    new StaleFeed(
                            List.of(
                                    timeline.symbols()
                                            .get(random.nextInt(timeline.symbols().size()))),
                            timeline.at(0.50 + jitter),
                            timeline.at(0.60 + jitter));
            case VenueOutage.NAME ->
                    new VenueOutage("", timeline.at(0.40 + jitter), timeline.at(0.60 + jitter));
            case HistoricalPath.NAME -> path(timeline.at(0.20), timeline.at(0.80));
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private HistoricalPath path(long start, long end) {
        try {
            if (pathFile != null) {
                if (!Files.isRegularFile(pathFile)) {
                    throw new IllegalArgumentException("--path: no such file: " + pathFile);
                }
                try (Reader reader = reader(Files.newInputStream(pathFile), pathFile)) {
                    return HistoricalPath.load(
                            eventMap, pathFile.getFileName().toString(), reader, start, end);
                }
            }
            InputStream bundled = Battery.class.getClassLoader().getResourceAsStream(HIKE_CYCLE);
            if (bundled == null) {
                throw new IllegalStateException(HIKE_CYCLE + " missing from the classpath");
            }
            try (Reader reader = new InputStreamReader(bundled, StandardCharsets.UTF_8)) {
                return HistoricalPath.load(eventMap, HIKE_CYCLE, reader, start, end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Reader reader(InputStream in, Path file) throws IOException {
        InputStream data = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
        return new InputStreamReader(data, StandardCharsets.UTF_8);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
