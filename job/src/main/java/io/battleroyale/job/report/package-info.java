/**
 * What a finished run leaves in its output folder: the file formats ({@link
 * io.battleroyale.job.report.OutputFormats}), the folder's sinks, the console leaderboard and
 * {@code summary.json}, and {@code report.html}. Written from the job's outputs, outside the graph.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.report;

import javax.annotation.ParametersAreNonnullByDefault;
