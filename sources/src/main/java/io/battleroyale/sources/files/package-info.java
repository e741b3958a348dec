/**
 * File replay: backtest CSV files (optionally gzipped) as bounded event-time streams, bad lines to
 * a side output.
 */
@ParametersAreNonnullByDefault
package io.battleroyale.sources.files;

import javax.annotation.ParametersAreNonnullByDefault;
