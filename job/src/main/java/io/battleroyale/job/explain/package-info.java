/**
 * {@code --explain-with gemini}: a branch off the decisions stream that asks Gemini to put a
 * decision's rationale in words, within a time budget, falling back to the rules' own text, and
 * writes {@code explanations.jsonl} with a count of how each explanation came about. Nothing on the
 * order, fill or risk path reads from it. Gemini is called through the venue HTTP client.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.explain;

import javax.annotation.ParametersAreNonnullByDefault;
