package dev.codepulse.optimizer.rules;

import dev.codepulse.schemas.LanguageStats;
import java.util.Map;

/** Base of rules that judge each language of a window. */
public abstract class LanguageRule extends TargetRule<LanguageStats> {
    @Override
    protected final Map<String, LanguageStats> targets(WindowData window) {
        return window.languages();
    }
}
