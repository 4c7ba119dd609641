package dev.codepulse.optimizer.internals.engine;

import dev.codepulse.optimizer.OptimizerConfig;
import dev.codepulse.optimizer.internals.OptimizerMetrics;
import dev.codepulse.optimizer.internals.OptimizerView;
import dev.codepulse.optimizer.internals.actions.ActionLedger;
import dev.codepulse.optimizer.internals.actions.CacheTtlPlanner;
import dev.codepulse.optimizer.internals.state.ActionTrack;
import dev.codepulse.optimizer.internals.state.OptimizerState;
import dev.codepulse.optimizer.internals.state.RawStore;
import dev.codepulse.optimizer.rules.WindowData;
import dev.codepulse.schemas.FunctionStats;
import dev.codepulse.schemas.LanguageStats;
import dev.codepulse.schemas.OptimizerAction;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimizer without Kafka: takes aggregates and acknowledgements as they arrive, evaluates
 * windows once they have settled, and returns what to publish. All state lives in the {@link
 * RawStore} it is given, so the same sequence of calls gives the same outputs after a restart from
 * that store. Called from one thread.
 */
public final class Optimizer {
    private static final Logger log = LoggerFactory.getLogger(Optimizer.class);

    private final OptimizerState state;
    private final OptimizerMetrics metrics;
    private final OptimizerView view;
    private final WindowCollector collector;
    private final OptimizerEngine engine;
    private final ActionLedger ledger;

    public Optimizer(
            OptimizerConfig config, RawStore store, OptimizerMetrics metrics, OptimizerView view) {
        this.state = new OptimizerState(store);
        this.metrics = metrics;
        this.view = view;
        this.collector = new WindowCollector(state, config.windowSettleMs());
        this.engine =
                new OptimizerEngine(
                        config,
                        state,
                        metrics,
                        List.of(new CacheTtlPlanner(config, state.actions())));
        this.ledger = new ActionLedger(state.actions());
    }

    /**
     * Offers a language aggregate.
     *
     * @param source where it came from, such as {@code topic/partition/offset}, for logs
     * @return false when it was dropped because its window was already evaluated
     */
    public boolean accept(LanguageStats stats, long nowMs, String source) {
        metrics.inputReceived(WindowCollector.LANGUAGE);
        return outcome(collector.accept(stats, nowMs), WindowCollector.LANGUAGE, source);
    }

    /** Offers a function aggregate; see {@link #accept(LanguageStats, long, String)}. */
    public boolean accept(FunctionStats stats, long nowMs, String source) {
        metrics.inputReceived(WindowCollector.FUNCTION);
        return outcome(collector.accept(stats, nowMs), WindowCollector.FUNCTION, source);
    }

    /** Records a worker's APPLIED or REJECTED acknowledgement of an action. */
    public void acknowledge(OptimizerAction acknowledgement) {
        metrics.inputReceived("acknowledgement");
        ActionTrack track = ledger.acknowledge(acknowledgement);
        metrics.actionAcknowledged(acknowledgement.getType(), acknowledgement.getStatus());
        log.info(
                "Action acknowledged id={} type={} target={} status={} worker={} value={}"
                        + " reason={}",
                acknowledgement.getId(),
                acknowledgement.getType(),
                acknowledgement.getTarget(),
                acknowledgement.getStatus(),
                acknowledgement.getIssuedBy(),
                acknowledgement.getNewValue(),
                acknowledgement.getReason());
        log.debug("Action track key={} appliedValue={}", track.target(), track.appliedValue());
        refreshView();
    }

    /** Evaluates every settled window, oldest first, and returns what to publish. */
    public List<WindowResult> evaluateDue(long nowMs) {
        List<WindowResult> results = new ArrayList<>();
        for (WindowData window : collector.takeDue(nowMs)) {
            WindowResult result = engine.evaluate(window, nowMs);
            results.add(result);
            log.info(
                    "Evaluated window window={} languages={} functions={} recommendations={}"
                            + " healthScores={} actions={}",
                    window.label(),
                    window.languages().size(),
                    window.functions().size(),
                    result.recommendations().size(),
                    result.health().size(),
                    result.actions().size());
        }
        if (!results.isEmpty()) {
            refreshView();
        }
        return results;
    }

    /** Returns the number of windows waiting to settle. */
    public int pendingWindows() {
        return collector.pendingWindows();
    }

    /** Publishes the current state to the view. */
    public void refreshView() {
        view.update(OptimizerView.Snapshot.of(state));
    }

    private boolean outcome(WindowCollector.Outcome outcome, String kind, String source) {
        switch (outcome) {
            case LATE -> {
                metrics.aggregateDropped("window-already-evaluated");
                log.warn(
                        "Skipped aggregate of a window already evaluated kind={} source={}"
                                + " lastEvaluatedWindowStart={}",
                        kind,
                        source,
                        java.time.Instant.ofEpochMilli(state.progress().lastWindowStartMs()));
                return false;
            }
            case REPLACED -> {
                metrics.aggregateDropped("replaced-in-window");
                log.debug(
                        "Replaced a waiting aggregate with a redelivery kind={} source={}",
                        kind,
                        source);
                return true;
            }
            default -> {
                return true;
            }
        }
    }
}
