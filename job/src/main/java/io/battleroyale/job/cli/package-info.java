/**
 * The {@code battle} command line (picocli): one class per command, the option groups they share,
 * the flag grammars (durations, instants) and the exit codes. It builds settings and hands them to
 * the job; it holds no trading logic, and its exit codes are the only ones (an ArchUnit rule).
 */
@ParametersAreNonnullByDefault
package io.battleroyale.job.cli;

import javax.annotation.ParametersAreNonnullByDefault;
