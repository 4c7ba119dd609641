package dev.codepulse.worker.language;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;

/**
 * The languages a worker offers, each configured and with its toolchain found. A language's class
 * comes from {@code language.<id>.class}, or from {@link #BUILT_IN} for the five built-in ids.
 */
public final class Languages {
    /** Suffix of the key under {@code language.<id>.} that names a language's class. */
    public static final String CLASS_CONFIG = "class";

    /** Classes of the built-in language ids. */
    public static final Map<String, Class<? extends Language>> BUILT_IN =
            Map.of(
                    "python", PythonLanguage.class,
                    "c", CLanguage.class,
                    "cpp", CppLanguage.class,
                    "java", JavaLanguage.class,
                    "javascript", JavaScriptLanguage.class);

    private final Map<String, Language> byId;

    private Languages(Map<String, Language> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    /**
     * Creates and configures the languages {@code ids} names.
     *
     * @param configsOf returns the keys under {@code language.<id>.} of one id, prefix removed
     * @throws ConfigException if a class is unknown or cannot be created, or a key is invalid
     * @throws dev.codepulse.worker.ToolchainUnavailableException if a toolchain is missing
     */
    public static Languages load(List<String> ids, Function<String, Map<String, ?>> configsOf) {
        Map<String, Language> byId = new TreeMap<>();
        for (String id : ids) {
            Map<String, ?> configs = configsOf.apply(id);
            Language language = instantiate(id, configs.get(CLASS_CONFIG));
            language.configure(id, configs);
            byId.put(id, language);
        }
        return new Languages(byId);
    }

    private static Language instantiate(String id, Object className) {
        String key = "language." + id + "." + CLASS_CONFIG;
        Class<?> type;
        try {
            type =
                    className == null
                            ? BUILT_IN.get(id)
                            : Class.forName(className.toString().strip());
        } catch (ClassNotFoundException e) {
            throw new ConfigException(key, className, "class not found on the worker's class path");
        }
        if (type == null) {
            throw new ConfigException(
                    key,
                    null,
                    "language "
                            + id
                            + " is not built in ("
                            + new TreeMap<>(BUILT_IN).keySet()
                            + "), so it needs a class implementing "
                            + Language.class.getName());
        }
        if (!Language.class.isAssignableFrom(type)) {
            throw new ConfigException(
                    key, className, "does not implement " + Language.class.getName());
        }
        try {
            return (Language) type.getConstructor().newInstance();
        } catch (NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new ConfigException(
                    key, type.getName(), "needs a public no-argument constructor: " + e);
        }
    }

    /**
     * Returns the language of {@code id}, or empty when the worker does not offer it or it is null.
     */
    public Optional<Language> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
    }

    /** Returns the ids offered, sorted. */
    public Set<String> ids() {
        return byId.keySet();
    }

    /** Returns every host path the toolchains need bound into the sandbox. */
    public List<Path> sandboxPaths() {
        Set<Path> paths = new LinkedHashSet<>();
        byId.values().forEach(language -> paths.addAll(language.sandboxPaths()));
        return new ArrayList<>(paths);
    }
}
