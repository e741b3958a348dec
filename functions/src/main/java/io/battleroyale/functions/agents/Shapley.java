package io.battleroyale.functions.agents;

/**
 * Exact Shapley values of the games the built-in agents play, so that an attribution splits the
 * score the way the classic formula over all coalitions would, in linear time.
 */
public final class Shapley {

    private Shapley() {}

    /**
     * The game "the first factor present decides": factors are listed by priority, the value of a
     * coalition is the value of its highest-priority member, and of the empty coalition 0. Factor
     * {@code r} (1-based) adds its value only when it arrives before every higher-priority factor,
     * replacing the best lower one present; over all orders that gives {@code φ_r = v_r / r −
     * Σ_{q>r} v_q / (q (q − 1))}. The values add up to {@code values[0]}.
     */
    public static double[] firstPresent(double[] values) {
        int n = values.length;
        double[] phi = new double[n];
        double tail = 0.0;
        for (int r = n; r >= 1; r--) {
            phi[r - 1] = values[r - 1] / r - tail;
            if (r > 1) {
                tail += values[r - 1] / ((double) r * (r - 1));
            }
        }
        return phi;
    }
}
