package io.battleroyale.sources.files;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import io.battleroyale.model.RejectedInput;

/**
 * Sends accepted rows on as records and refused rows to the {@link #REJECTED} side output, counting
 * them in the {@code rejectedRows} metric.
 */
public final class RejectSplitter<T> extends ProcessFunction<CsvRow<T>, T> {

    private static final long serialVersionUID = 1L;

    /** Where refused rows go. */
    public static final OutputTag<RejectedInput> REJECTED =
            new OutputTag<>("rejected-rows", TypeInformation.of(RejectedInput.class));

    /** Name of the counter of refused rows, in the operator's metric group. */
    public static final String METRIC = "rejectedRows";

    private transient Counter rejectedRows;

    @Override
    public void open(OpenContext openContext) {
        rejectedRows = getRuntimeContext().getMetricGroup().counter(METRIC);
    }

    @Override
    public void processElement(CsvRow<T> row, Context ctx, Collector<T> out) {
        if (row.value() != null) {
            out.collect(row.value());
        } else if (row.rejected() != null) {
            rejectedRows.inc();
            ctx.output(REJECTED, row.rejected());
        }
    }
}
