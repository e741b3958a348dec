package io.battleroyale.functions.meta;

/** Beta(alpha, beta) of "this sub-agent's signal was right" in one regime. A Flink POJO. */
public class ArmCounts {
    public double alpha;
    public double beta;

    /** Scored signals seen (not discounted). */
    public long scored;

    public ArmCounts() {}

    public ArmCounts(double alpha, double beta) {
        this.alpha = alpha;
        this.beta = beta;
    }

    public double mean() {
        return alpha / (alpha + beta);
    }
}
