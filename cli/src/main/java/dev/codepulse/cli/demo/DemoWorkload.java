package dev.codepulse.cli.demo;

import dev.codepulse.schemas.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in workload: the same small problem (read two integers, print their sum) solved in each
 * language correctly, wrongly, slowly, with a crash, with a memory blow-up or a compile error, some
 * posted again and again so the result cache answers them.
 */
final class DemoWorkload {
    private static final long MIB = 1024 * 1024;
    private static final Limits NORMAL = new Limits(2_000, 4_000, 256 * MIB, MIB);
    private static final Limits TIGHT_CPU = new Limits(300, 1_500, 256 * MIB, MIB);
    private static final Limits SMALL_MEMORY = new Limits(2_000, 4_000, 64 * MIB, MIB);

    private DemoWorkload() {}

    /** Returns the programs of the languages in {@code languages}. */
    static List<DemoProgram> programs(List<String> languages) {
        List<DemoProgram> all = new ArrayList<>();
        all.addAll(python());
        all.addAll(c());
        all.addAll(cpp());
        all.addAll(java());
        all.addAll(javascript());
        return all.stream().filter(program -> languages.contains(program.language())).toList();
    }

    private static List<DemoProgram> python() {
        String sum = "a, b = map(int, input().split())\nprint(a + b)\n";
        return List.of(
                new DemoProgram("python-sum", "python", sum, NORMAL, false, 4, "ACCEPTED"),
                new DemoProgram("python-sum-new", "python", sum, NORMAL, true, 2, "ACCEPTED"),
                new DemoProgram(
                        "python-wrong",
                        "python",
                        "a, b = map(int, input().split())\nprint(a - b)\n",
                        NORMAL,
                        true,
                        1,
                        "WRONG_ANSWER"),
                new DemoProgram(
                        "python-crash",
                        "python",
                        "a, b = map(int, input().split())\nprint(a // 0)\n",
                        NORMAL,
                        true,
                        1,
                        "RUNTIME_ERROR"),
                new DemoProgram(
                        "python-busy",
                        "python",
                        "while True:\n    pass\n",
                        TIGHT_CPU,
                        true,
                        1,
                        "TIME_LIMIT_EXCEEDED"),
                new DemoProgram(
                        "python-memory",
                        "python",
                        "x = [0] * (10 ** 8)\nprint(len(x))\n",
                        SMALL_MEMORY,
                        true,
                        1,
                        "MEMORY_LIMIT_EXCEEDED"));
    }

    private static List<DemoProgram> c() {
        String sum =
                "#include <stdio.h>\nint main(void) { long a, b; scanf(\"%ld %ld\", &a, &b);"
                        + " printf(\"%ld\\n\", a + b); return 0; }\n";
        return List.of(
                new DemoProgram("c-sum", "c", sum, NORMAL, false, 3, "ACCEPTED"),
                new DemoProgram("c-sum-new", "c", sum, NORMAL, true, 1, "ACCEPTED"),
                new DemoProgram(
                        "c-segfault",
                        "c",
                        "int main(void) { int *p = 0; return *p; }\n",
                        NORMAL,
                        true,
                        1,
                        "RUNTIME_ERROR"),
                new DemoProgram(
                        "c-typo",
                        "c",
                        "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 1) return 0; }\n",
                        NORMAL,
                        true,
                        1,
                        "COMPILE_ERROR"));
    }

    private static List<DemoProgram> cpp() {
        String sum =
                "#include <iostream>\nint main() { long a, b; std::cin >> a >> b;"
                        + " std::cout << a + b << '\\n'; }\n";
        return List.of(
                new DemoProgram("cpp-sum", "cpp", sum, NORMAL, false, 4, "ACCEPTED"),
                new DemoProgram("cpp-sum-new", "cpp", sum, NORMAL, true, 1, "ACCEPTED"),
                new DemoProgram(
                        "cpp-spin",
                        "cpp",
                        "int main() { volatile unsigned long n = 0; for (;;) n++; }\n",
                        TIGHT_CPU,
                        true,
                        1,
                        "TIME_LIMIT_EXCEEDED"),
                new DemoProgram(
                        "cpp-memory",
                        "cpp",
                        "#include <vector>\n#include <iostream>\nint main() { std::vector<char> v(300u << 20, 1);"
                                + " std::cout << v[12345] << '\\n'; }\n",
                        SMALL_MEMORY,
                        true,
                        1,
                        "MEMORY_LIMIT_EXCEEDED"));
    }

    private static List<DemoProgram> java() {
        String sum =
                "import java.util.Scanner;\npublic class Main { public static void main(String[] args) {"
                        + " Scanner in = new Scanner(System.in);"
                        + " System.out.println(in.nextLong() + in.nextLong()); } }\n";
        return List.of(
                new DemoProgram("java-sum", "java", sum, NORMAL, false, 3, "ACCEPTED"),
                new DemoProgram("java-sum-new", "java", sum, NORMAL, true, 1, "ACCEPTED"),
                new DemoProgram(
                        "java-exception",
                        "java",
                        "public class Main { public static void main(String[] args) {"
                                + " throw new IllegalStateException(\"boom\"); } }\n",
                        NORMAL,
                        true,
                        1,
                        "RUNTIME_ERROR"));
    }

    private static List<DemoProgram> javascript() {
        String sum =
                "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\n"
                        + "console.log(a + b);\n";
        return List.of(
                new DemoProgram("js-sum-new", "javascript", sum, NORMAL, true, 3, "ACCEPTED"),
                new DemoProgram(
                        "js-wrong",
                        "javascript",
                        "console.log('0');\n",
                        NORMAL,
                        true,
                        1,
                        "WRONG_ANSWER"),
                new DemoProgram(
                        "js-spin",
                        "javascript",
                        "for (;;) {}\n",
                        TIGHT_CPU,
                        true,
                        1,
                        "TIME_LIMIT_EXCEEDED"));
    }
}
