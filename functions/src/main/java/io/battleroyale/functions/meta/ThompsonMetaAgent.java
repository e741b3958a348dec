package io.battleroyale.functions.meta;

import io.battleroyale.functions.agents.MetaAgent;
import io.battleroyale.functions.agents.Signals;
import io.battleroyale.model.ArmState;
import io.battleroyale.model.BanditState;
import io.battleroyale.model.MarketSnapshot;
import io.battleroyale.model.Signal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Meta-agent "meta": Thompson sampling over the sub-agents, one Beta posterior per (regime,
 * sub-agent), per symbol. Method, priors, reward and forgetting: {@code docs/meta-agent.md}.
 *
 * <p>On every bar: (1) every pending sub-agent signal whose horizon has passed is scored — right
 * when {@code direction × (close now / close then − 1) − cost > 0} — and updates the posterior of
 * the regime it was given in, with forgetting; (2) the regime of this bar is classified; (3) each
 * sub-agent that signals on this bar draws from its posterior in that regime and the meta-agent
 * follows the highest draw (abstaining when no one signals); (4) those signals are queued for
 * scoring. Random draws come from a generator seeded with (seed, symbol, bar time), so the choice
 * is the same at any parallelism and on any replay.
 */
public final class ThompsonMetaAgent implements MetaAgent<ThompsonMetaAgent.State>, Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "meta";

    /** Draws used to estimate P(best) and credible intervals. */
    static final int DRAWS = 2000;

    /**
     * Beliefs are re-emitted once a posterior mean moved this much since last emitted: each costs
     * {@link #DRAWS} joint draws, and at 0.01 they took a quarter of a full battle's CPU.
     */
    static final double REPORT_STEP = 0.05;

    /** Parameters, all with defaults in the catalog. */
    public record Params(
            long seed,
            int horizonBars,
            double costBps,
            double forget,
            double priorAlpha,
            double priorBeta,
            RegimeClassifier regimes)
            implements Serializable {
        public Params {
            if (horizonBars < 1) {
                throw new IllegalArgumentException("meta horizon must be >= 1 bar");
            }
            if (!(costBps >= 0)) {
                throw new IllegalArgumentException("meta cost_bps must be >= 0");
            }
            if (!(forget > 0 && forget <= 1)) {
                throw new IllegalArgumentException("meta forget must be in (0, 1], got " + forget);
            }
            if (!(priorAlpha > 0 && priorBeta > 0)) {
                throw new IllegalArgumentException("meta prior_alpha and prior_beta must be > 0");
            }
        }
    }

    /** Per-symbol memory. A Flink POJO. */
    public static class State {
        /** Posteriors by {@code regime|agent}. */
        public Map<String, ArmCounts> arms = new HashMap<>();

        /** Sub-agent signals not yet scored, oldest first. */
        public List<PendingSignal> pending = new ArrayList<>();

        public RegimeClassifier.State classifier = new RegimeClassifier.State();

        /** The regime of the last bar seen. */
        public String regime = "";

        /** Posterior means last written to bandit.jsonl, by {@code regime|agent}. */
        public Map<String, Double> reported = new HashMap<>();

        /** Scored signals so far. */
        public long scored;

        public State() {}
    }

    private final Params params;

    public ThompsonMetaAgent(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<State> stateType() {
        return State.class;
    }

    @Override
    public State initialState() {
        return new State();
    }

    static String key(String regime, String agent) {
        return regime + '|' + agent;
    }

    private ArmCounts arm(State state, String regime, String agent) {
        ArmCounts a = state.arms.get(key(regime, agent));
        return a != null ? a : new ArmCounts(params.priorAlpha(), params.priorBeta());
    }

    @Override
    public Optional<Signal> choose(MarketSnapshot snapshot, List<Signal> subAgentSignals, State s) {
        score(snapshot, s);
        String regime = params.regimes().update(snapshot, s.classifier);
        s.regime = regime;

        List<Signal> candidates = new ArrayList<>();
        for (Signal signal : subAgentSignals) {
            if (!signal.agent().equals(NAME)) {
                candidates.add(signal);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        candidates.sort(Comparator.comparing(Signal::agent));
        double close = snapshot.bar().close();
        for (Signal signal : candidates) {
            s.pending.add(
                    new PendingSignal(
                            signal.agent(),
                            signal.side().sign(),
                            regime,
                            snapshot.barIndex(),
                            close));
        }

        SplittableRandom random =
                BetaSampler.random(params.seed(), snapshot.symbol(), snapshot.decisionTs(), 0);
        int chosen = 0;
        double bestDraw = -1;
        ArmCounts[] arms = new ArmCounts[candidates.size()];
        for (int i = 0; i < candidates.size(); i++) {
            arms[i] = arm(s, regime, candidates.get(i).agent());
            double draw = BetaSampler.beta(random, arms[i].alpha, arms[i].beta);
            if (draw > bestDraw) {
                bestDraw = draw;
                chosen = i;
            }
        }
        double[] pBest =
                probabilityBest(
                        arms,
                        BetaSampler.random(
                                params.seed(), snapshot.symbol(), snapshot.decisionTs(), 1));
        Signal followed = candidates.get(chosen);
        double even = 1.0 / candidates.size();
        return Optional.of(
                Signals.of(
                        NAME,
                        snapshot,
                        followed.side(),
                        pBest[chosen],
                        rationale(regime, candidates, arms, pBest, chosen),
                        // against an even pick among the candidates: what the posteriors added
                        Signals.attribution("follow." + followed.agent(), pBest[chosen] - even),
                        pBest[chosen],
                        even));
    }

    /** Scores every pending signal whose horizon has passed, against this bar's close. */
    private void score(MarketSnapshot snapshot, State s) {
        double cost = params.costBps() / 10_000.0;
        double close = snapshot.bar().close();
        Iterator<PendingSignal> it = s.pending.iterator();
        while (it.hasNext()) {
            PendingSignal p = it.next();
            if (snapshot.barIndex() - p.barIndex < params.horizonBars()) {
                continue;
            }
            it.remove();
            if (!(p.close > 0)) {
                continue;
            }
            double realised = close / p.close - 1;
            boolean right = p.direction * realised - cost > 0;
            ArmCounts arm = arm(s, p.regime, p.agent);
            double f = params.forget();
            arm.alpha = params.priorAlpha() + f * (arm.alpha - params.priorAlpha());
            arm.beta = params.priorBeta() + f * (arm.beta - params.priorBeta());
            if (right) {
                arm.alpha += 1;
            } else {
                arm.beta += 1;
            }
            arm.scored++;
            s.arms.put(key(p.regime, p.agent), arm);
            s.scored++;
        }
    }

    /** P(arm i has the highest draw), by {@link #DRAWS} joint draws. */
    static double[] probabilityBest(ArmCounts[] arms, SplittableRandom random) {
        double[] wins = new double[arms.length];
        if (arms.length == 1) {
            wins[0] = 1;
            return wins;
        }
        for (int d = 0; d < DRAWS; d++) {
            int best = 0;
            double bestDraw = -1;
            for (int i = 0; i < arms.length; i++) {
                double draw = BetaSampler.beta(random, arms[i].alpha, arms[i].beta);
                if (draw > bestDraw) {
                    bestDraw = draw;
                    best = i;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < wins.length; i++) {
            wins[i] /= DRAWS;
        }
        return wins;
    }

    private static String rationale(
            String regime, List<Signal> candidates, ArmCounts[] arms, double[] pBest, int chosen) {
        Signal f = candidates.get(chosen);
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "regime %s: followed %s %s (P(best)=%.2f, Beta(%s,%s))",
                        regime,
                        f.agent(),
                        f.side(),
                        pBest[chosen],
                        count(arms[chosen].alpha),
                        count(arms[chosen].beta)));
        if (candidates.size() == 1) {
            return sb.append(", the only agent signalling").toString();
        }
        sb.append(" over ");
        boolean first = true;
        for (int i = 0; i < candidates.size(); i++) {
            if (i == chosen) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(String.format(Locale.ROOT, "%s (%.2f)", candidates.get(i).agent(), pBest[i]));
        }
        return sb.toString();
    }

    /** Pseudo-counts as written in rationales: whole numbers plain, others with one decimal. */
    private static String count(double c) {
        return Math.abs(c - Math.rint(c)) < 0.05
                ? Long.toString(Math.round(c))
                : String.format(Locale.ROOT, "%.1f", c);
    }

    /**
     * The posteriors of every regime whose means moved by at least {@link #REPORT_STEP} (or that
     * gained an arm) since they were last reported; so bandit.jsonl grows with learning, not with
     * bars.
     */
    @Override
    public List<BanditState> beliefs(MarketSnapshot snapshot, State s) {
        TreeSet<String> changed = new TreeSet<>();
        for (Map.Entry<String, ArmCounts> e : s.arms.entrySet()) {
            Double last = s.reported.get(e.getKey());
            if (last == null || Math.abs(last - e.getValue().mean()) >= REPORT_STEP) {
                changed.add(e.getKey().substring(0, e.getKey().indexOf('|')));
            }
        }
        List<BanditState> out = new ArrayList<>();
        for (String regime : changed) {
            out.add(belief(snapshot, regime, s));
        }
        return out;
    }

    /** One regime's posteriors: means, 90% intervals and P(best), from joint draws. */
    BanditState belief(MarketSnapshot snapshot, String regime, State s) {
        List<String> agents = new ArrayList<>();
        for (String k : new TreeSet<>(s.arms.keySet())) {
            if (k.startsWith(regime + '|')) {
                agents.add(k.substring(regime.length() + 1));
            }
        }
        int n = agents.size();
        ArmCounts[] arms = new ArmCounts[n];
        for (int i = 0; i < n; i++) {
            arms[i] = s.arms.get(key(regime, agents.get(i)));
            s.reported.put(key(regime, agents.get(i)), arms[i].mean());
        }
        SplittableRandom random =
                BetaSampler.random(
                        params.seed(),
                        snapshot.symbol(),
                        snapshot.decisionTs(),
                        2 + regime.hashCode());
        double[][] draws = new double[n][DRAWS];
        double[] wins = new double[n];
        for (int d = 0; d < DRAWS; d++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                draws[i][d] = BetaSampler.beta(random, arms[i].alpha, arms[i].beta);
                if (draws[i][d] > draws[best][d]) {
                    best = i;
                }
            }
            wins[best]++;
        }
        List<ArmState> states = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Arrays.sort(draws[i]);
            states.add(
                    new ArmState(
                            agents.get(i),
                            round(arms[i].alpha),
                            round(arms[i].beta),
                            round(arms[i].mean()),
                            round(draws[i][(int) (0.05 * DRAWS)]),
                            round(draws[i][(int) (0.95 * DRAWS) - 1]),
                            round(wins[i] / DRAWS)));
        }
        return new BanditState(snapshot.symbol(), regime, snapshot.decisionTs(), states);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
