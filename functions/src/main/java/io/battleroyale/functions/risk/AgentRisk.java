package io.battleroyale.functions.risk;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the risk gate remembers about one agent. A Flink POJO (public no-argument constructor,
 * public fields) so that it can live in keyed state without Kryo.
 */
public class AgentRisk {
    /** Net signed quantity per symbol, counting every approved order at once. */
    public Map<String, Double> positions = new HashMap<>();

    /** The price each position was last marked at (its last order's reference price). */
    public Map<String, Double> marks = new HashMap<>();

    /** Event times of approved orders still inside the order-rate window, oldest first. */
    public List<Long> orderTimestamps = new ArrayList<>();

    /** Highest equity seen ({@code 0} before the first mark). */
    public double peakEquity;

    /** Latest equity seen. */
    public double equity;

    /** Whether the kill switch has stopped this agent; never reset within a run. */
    public boolean halted;

    /** Event time of the mark that halted the agent. */
    public long haltedAt;

    /** Why the agent was halted, with the numbers; {@code null} while it trades. */
    @Nullable public String haltReason;

    public AgentRisk() {}

    /** The agent's net signed quantity in {@code symbol}, {@code 0} if none. */
    public double position(String symbol) {
        Double p = positions.get(symbol);
        return p == null ? 0.0 : p;
    }
}
