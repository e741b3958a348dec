package io.battleroyale.operators.testing;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one key's state of an operator under test, by state name, so a harness test can check that
 * state the operator should clear is really gone. ({@code numKeyedStateEntries} counts a map or
 * list state once per key, however many entries it holds, so it cannot see one that grows.)
 *
 * <p>A descriptor whose name the operator does not use reads as empty; a test therefore first
 * checks that the state holds something while it should.
 */
public final class KeyedStates {
    private KeyedStates() {}

    public static <K, V> Map<K, V> map(
            AbstractStreamOperator<?> operator, Object key, MapStateDescriptor<K, V> descriptor)
            throws Exception {
        MapState<K, V> state = state(operator, key, descriptor);
        Map<K, V> copy = new LinkedHashMap<>();
        for (Map.Entry<K, V> e : state.entries()) {
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    public static <T> List<T> list(
            AbstractStreamOperator<?> operator, Object key, ListStateDescriptor<T> descriptor)
            throws Exception {
        ListState<T> state = state(operator, key, descriptor);
        List<T> copy = new ArrayList<>();
        Iterable<T> items = state.get();
        if (items != null) {
            items.forEach(copy::add);
        }
        return copy;
    }

    public static <T> T value(
            AbstractStreamOperator<?> operator, Object key, ValueStateDescriptor<T> descriptor)
            throws Exception {
        ValueState<T> state = state(operator, key, descriptor);
        return state.value();
    }

    private static <S extends State> S state(
            AbstractStreamOperator<?> operator, Object key, StateDescriptor<S, ?> descriptor)
            throws Exception {
        return backend(operator, key)
                .getPartitionedState(
                        VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    @SuppressWarnings("unchecked")
    private static KeyedStateBackend<Object> backend(
            AbstractStreamOperator<?> operator, Object key) {
        KeyedStateBackend<Object> backend =
                (KeyedStateBackend<Object>) operator.getKeyedStateBackend();
        backend.setCurrentKey(key);
        return backend;
    }
}
