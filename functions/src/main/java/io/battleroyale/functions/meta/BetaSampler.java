package io.battleroyale.functions.meta;

import java.util.SplittableRandom;

/**
 * Draws from Beta(α, β) as X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β), gammas by Marsaglia and
 * Tsang (2000); shapes below 1 use Gamma(a) = Gamma(a + 1) · U^(1/a). Deterministic given the
 * random generator.
 */
public final class BetaSampler {

    private BetaSampler() {}

    public static double beta(SplittableRandom random, double alpha, double beta) {
        double x = gamma(random, alpha);
        double y = gamma(random, beta);
        double sum = x + y;
        return sum > 0 ? x / sum : 0.5;
    }

    static double gamma(SplittableRandom random, double shape) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be > 0, got " + shape);
        }
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * z * z * z * z
                    || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A generator for (seed, symbol, time, stream): the same inputs give the same draws. */
    public static SplittableRandom random(long seed, String symbol, long ts, long stream) {
        long h = mix(seed);
        h = mix(h ^ symbol.hashCode());
        h = mix(h ^ ts);
        h = mix(h ^ stream);
        return new SplittableRandom(h);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
