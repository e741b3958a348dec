/**
 * Why a decision was taken, in words: the rule-based explanation every decision carries, and the
 * optional Gemini rewrite ({@code --explain-with gemini}) with its time budget and the counts of
 * how each explanation came about, as an operator beside the arena; Gemini is called through the
 * venue HTTP client, with its retries and rate limit.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.explain;

import javax.annotation.ParametersAreNonnullByDefault;
