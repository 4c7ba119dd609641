package dev.codepulse.optimizer.rules.builtin;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.FunctionRule;
import dev.codepulse.optimizer.rules.Observation;
import dev.codepulse.optimizer.rules.RuleContext;
import dev.codepulse.optimizer.rules.RuleDefinition;
import dev.codepulse.optimizer.rules.RuleSettings;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.optimizer.rules.SilentReason;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.TargetKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Fires when a function's p95 wall time rose against its own history while its peers, the other
 * functions of the same window, stayed flat.
 *
 * <p>Own ratio = p95 / median p95 of the function's earlier windows. Peer ratio = median of the own
 * ratios of the other functions that have enough samples and history. The severity value is own
 * ratio / max(1, peer ratio): when every function slows down together, as under a load spike, the
 * peer ratio rises with the own ratio and the rule stays quiet. With fewer peers than {@code
 * rule.latency.regression.min.peers}, the peer ratio is taken as 1, so the function is compared
 * against its own history only.
 *
 * <p>Every window with enough samples adds its p95 to the history, including windows in which the
 * rule fired, so a lasting change becomes the new baseline after about half the history length and
 * the regression resolves; {@link SlowFunctionRule} keeps reporting a function that stays over
 * budget.
 */
public final class LatencyRegressionRule extends FunctionRule {
    public static final String ID = "latency-regression";

    private static final RuleDefinition DEFINITION =
            new RuleDefinition(
                    ID,
                    TargetKind.FUNCTION,
                    "A function's p95 rose against its own history while its peers stayed flat.",
                    "own p95 ratio divided by the peers' median ratio (at least 1)",
                    SeverityTable.higherIsWorse(1.5, 2.0, 3.0, 5.0),
                    50,
                    "Find what changed in the function in that window.");

    public static final String MIN_HISTORY_WINDOWS_CONFIG =
            DEFINITION.keyPrefix() + "min.history.windows";
    public static final String MIN_PEERS_CONFIG = DEFINITION.keyPrefix() + "min.peers";

    private int minHistoryWindows;
    private int minPeers;

    @Override
    public RuleDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void defineKeys(ConfigDef definition) {
        definition
                .define(
                        MIN_HISTORY_WINDOWS_CONFIG,
                        Type.INT,
                        3,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        "Earlier windows with enough samples a function needs before its p95 is"
                                + " compared against their median, in windows.")
                .define(
                        MIN_PEERS_CONFIG,
                        Type.INT,
                        2,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        "Peers (other functions of the window with enough samples and history)"
                                + " needed to discount a slowdown they share; with fewer, a"
                                + " function is compared against its own history only.");
    }

    @Override
    protected void configureKeys(RuleSettings settings) {
        minHistoryWindows = settings.config().getInt(MIN_HISTORY_WINDOWS_CONFIG);
        minPeers = settings.config().getInt(MIN_PEERS_CONFIG);
    }

    @Override
    public List<Observation> evaluate(WindowData window, RuleContext context) {
        Map<String, Double> ownRatios = ownRatios(window, context);
        List<Observation> observations = new ArrayList<>();
        for (Observation observation : super.evaluate(window, context)) {
            observations.add(
                    observation.status() == Observation.Status.SILENT
                            ? observation
                            : compareWithPeers(observation, ownRatios, window, context));
        }
        for (Map.Entry<String, FunctionStats> entry : window.functions().entrySet()) {
            if (entry.getValue().getCount() >= settings().minSamples()) {
                context.record(series(entry.getKey()), p95Ms(entry.getValue()));
            }
        }
        return observations;
    }

    // Judged in compareWithPeers, which needs every function's ratio first.
    @Override
    protected Observation observe(
            String function, FunctionStats stats, WindowData window, RuleContext context) {
        List<Double> history = context.history(series(function));
        if (history.size() < minHistoryWindows) {
            return Observation.silent(
                    function,
                    SilentReason.INSUFFICIENT_HISTORY,
                    history.size() + " windows of history, need at least " + minHistoryWindows,
                    stats.getCount());
        }
        if (!(median(history) > 0)) {
            return Observation.silent(
                    function,
                    SilentReason.NO_DATA,
                    "baseline p95 of the history is 0 ms",
                    stats.getCount());
        }
        return Observation.healthy(function, List.of(), stats.getCount());
    }

    private Observation compareWithPeers(
            Observation own,
            Map<String, Double> ownRatios,
            WindowData window,
            RuleContext context) {
        String function = own.target();
        FunctionStats stats = window.functions().get(function);
        double baselineMs = median(context.history(series(function)));
        double p95Ms = p95Ms(stats);
        double ownRatio = ownRatios.get(function);
        List<Double> peerRatios = new ArrayList<>();
        long peerSamples = 0;
        for (Map.Entry<String, Double> peer : ownRatios.entrySet()) {
            if (!peer.getKey().equals(function)) {
                peerRatios.add(peer.getValue());
                peerSamples += window.functions().get(peer.getKey()).getCount();
            }
        }
        boolean enoughPeers = peerRatios.size() >= minPeers;
        double peerRatio = enoughPeers ? median(peerRatios) : 1.0;
        List<EvidenceItem> evidence = new ArrayList<>();
        evidence.add(
                EvidenceItem.of(
                        "function.wall.p95",
                        "ms",
                        0,
                        baselineMs * lowThreshold(),
                        p95Ms,
                        window,
                        stats.getCount()));
        if (enoughPeers) {
            evidence.add(
                    EvidenceItem.of(
                            "peers.wall.p95.ratio",
                            "ratio",
                            0,
                            lowThreshold(),
                            peerRatio,
                            window,
                            peerSamples));
        }
        String peerText =
                enoughPeers
                        ? "its " + peerRatios.size() + " peers changed " + format(peerRatio) + "x"
                        : "too few peers to compare with";
        return judge(
                function,
                ownRatio / Math.max(1.0, peerRatio),
                evidence,
                stats.getCount(),
                stats.getCount(),
                () ->
                        "Find what changed in "
                                + function
                                + ": its p95 rose from "
                                + format(baselineMs)
                                + " ms to "
                                + format(p95Ms)
                                + " ms ("
                                + format(ownRatio)
                                + "x) while "
                                + peerText
                                + "; compare its deployments, inputs and dependencies in window "
                                + window.label()
                                + ".");
    }

    // Own ratio of every function with enough samples and history.
    private Map<String, Double> ownRatios(WindowData window, RuleContext context) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, FunctionStats> entry : window.functions().entrySet()) {
            List<Double> history = context.history(series(entry.getKey()));
            if (entry.getValue().getCount() < settings().minSamples()
                    || history.size() < minHistoryWindows) {
                continue;
            }
            double baselineMs = median(history);
            if (baselineMs > 0) {
                ratios.put(entry.getKey(), p95Ms(entry.getValue()) / baselineMs);
            }
        }
        return ratios;
    }

    private static double p95Ms(FunctionStats stats) {
        return stats.getWallNanos().getP95() / NANOS_PER_MS;
    }

    private static String series(String function) {
        return ID + ":" + function;
    }
}
