package io.battleroyale.sources.files;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import io.battleroyale.model.RejectedInput;

/**
 * The two streams one replayed file yields.
 *
 * @param records the valid records, with event-time timestamps and watermarks
 * @param rejected the refused lines (side output of {@code records}), each with file, line and
 *     reason
 */
public record Replay<T>(
        SingleOutputStreamOperator<T> records, DataStream<RejectedInput> rejected) {}
