package io.battleroyale.model;

/**
 * The meta-agent's belief about one sub-agent in one regime: Beta(alpha, beta) of "its signal was
 * right".
 *
 * @param lower lower end of the 90% credible interval
 * @param upper upper end of the 90% credible interval
 * @param probabilityBest estimated by sampling all arms of the regime
 */
public record ArmState(
        String agent,
        double alpha,
        double beta,
        double mean,
        double lower,
        double upper,
        double probabilityBest) {}
