package dev.codepulse.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds which of the five built-in languages have their toolchain at its default path. */
final class DemoLanguages {
    private static final Map<String, List<String>> TOOLCHAINS = new LinkedHashMap<>();

    static {
        TOOLCHAINS.put("python", List.of("/usr/bin/python3"));
        TOOLCHAINS.put("c", List.of("/usr/bin/gcc"));
        TOOLCHAINS.put("cpp", List.of("/usr/bin/g++"));
        TOOLCHAINS.put("java", List.of("/usr/bin/javac", "/usr/bin/java"));
        TOOLCHAINS.put("javascript", List.of("/usr/bin/node"));
    }

    private DemoLanguages() {}

    /**
     * Returns the ids of the languages whose every tool is an executable file, in a fixed order.
     */
    static List<String> available() {
        List<String> ids = new ArrayList<>();
        TOOLCHAINS.forEach(
                (id, tools) -> {
                    if (tools.stream().allMatch(tool -> Files.isExecutable(Path.of(tool)))) {
                        ids.add(id);
                    }
                });
        return ids;
    }

    /** Returns the tools a language needs, for messages about missing ones. */
    static List<String> toolsOf(String id) {
        return TOOLCHAINS.getOrDefault(id, List.of());
    }

    /** Returns every built-in language id. */
    static List<String> all() {
        return List.copyOf(TOOLCHAINS.keySet());
    }
}
