package io.battleroyale.sources.files;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import io.battleroyale.model.PriceBar;
import io.battleroyale.model.ProbabilityTick;

/**
 * Replays a backtest CSV file (prices or probabilities, optionally {@code .gz}) as a bounded,
 * event-time stream with Flink's {@link FileSource}.
 *
 * <p>Graph per file: {@code <uidPrefix>-source} (the file source, whose reader parses lines; name
 * {@code "<uidPrefix> csv"}) then {@code <uidPrefix>-split} (valid records out, refused lines to a
 * side output and the {@code rejectedRows} counter), both at parallelism 1: operators after it
 * should keep that parallelism, so that the file's order reaches the keyed stages. Watermarks are
 * monotonous over the valid records' event time; refused rows carry timestamp {@code
 * Long.MIN_VALUE} and so never advance the watermark. The files are time ordered (DESIGN.md); a row
 * that goes back in time is not refused here but is late for the symbol join downstream, which
 * checks order per symbol.
 */
public final class CsvReplay {

    /** Type of a parsed prices line; a POJO (record) type, so no Kryo is involved. */
    public static final TypeInformation<CsvRow<PriceBar>> PRICE_ROW =
            new TypeHint<CsvRow<PriceBar>>() {}.getTypeInfo();

    /** Type of a parsed probabilities line. */
    public static final TypeInformation<CsvRow<ProbabilityTick>> PROBABILITY_ROW =
            new TypeHint<CsvRow<ProbabilityTick>>() {}.getTypeInfo();

    private CsvReplay() {}

    /** Replays a prices file; bars have {@code lengthMs == 0} (the join infers it). */
    public static Replay<PriceBar> prices(
            StreamExecutionEnvironment env, Path file, String uidPrefix) {
        return replay(
                env,
                file,
                uidPrefix,
                CsvSchema.PRICES,
                PRICE_ROW,
                TypeInformation.of(PriceBar.class));
    }

    /** Replays a local prices file. */
    public static Replay<PriceBar> prices(
            StreamExecutionEnvironment env, java.nio.file.Path file, String uidPrefix) {
        return prices(env, new Path(file.toUri()), uidPrefix);
    }

    /** Replays a probabilities file. */
    public static Replay<ProbabilityTick> probabilities(
            StreamExecutionEnvironment env, Path file, String uidPrefix) {
        return replay(
                env,
                file,
                uidPrefix,
                CsvSchema.PROBABILITIES,
                PROBABILITY_ROW,
                TypeInformation.of(ProbabilityTick.class));
    }

    /** Replays a local probabilities file. */
    public static Replay<ProbabilityTick> probabilities(
            StreamExecutionEnvironment env, java.nio.file.Path file, String uidPrefix) {
        return probabilities(env, new Path(file.toUri()), uidPrefix);
    }

    private static <T> Replay<T> replay(
            StreamExecutionEnvironment env,
            Path file,
            String uidPrefix,
            CsvSchema<T> schema,
            TypeInformation<CsvRow<T>> rowType,
            TypeInformation<T> type) {
        String origin = file.toString();
        FileSource<CsvRow<T>> source =
                FileSource.forRecordStreamFormat(new CsvLineFormat<>(origin, schema, rowType), file)
                        .build();
        WatermarkStrategy<CsvRow<T>> watermarks =
                WatermarkStrategy.<CsvRow<T>>forMonotonousTimestamps()
                        .withTimestampAssigner(
                                (row, previous) ->
                                        row.value() == null
                                                ? Long.MIN_VALUE
                                                : schema.eventTime(row.value()));
        // one file is one split, read by one reader: more readers would only idle, and a reader
        // that finishes without a split sends the final watermark ahead of the one reading
        SingleOutputStreamOperator<T> records =
                env.fromSource(source, watermarks, uidPrefix + " csv", rowType)
                        .uid(uidPrefix + "-source")
                        .setParallelism(1)
                        .process(new RejectSplitter<T>(), type)
                        .uid(uidPrefix + "-split")
                        .name(uidPrefix + " rejects")
                        .setParallelism(1);
        return new Replay<>(records, records.getSideOutput(RejectSplitter.REJECTED));
    }
}
