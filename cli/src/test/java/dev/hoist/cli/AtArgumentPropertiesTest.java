package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the CLI's argument handling with arguments that start with {@code @}: a canary file's
 * path, directories, {@code @@...}, and random text, in every position of every command. Whatever
 * the input: the exit code is 0, 1 or 2, no stack trace is printed, and the canary file's content
 * never appears (picocli's {@code @file} expansion is off).
 */
class AtArgumentPropertiesTest {

    private static final String CANARY = "CANARY-" + UUID.randomUUID();
    private static Path canaryDir;
    private static Path canaryFile;

    @BeforeContainer
    static void canary() throws IOException {
        canaryDir = Files.createTempDirectory("hoist-at-args");
        canaryFile = canaryDir.resolve("args.txt");
        Files.writeString(canaryFile, CANARY + "\nlocalhost:5000\n--json\n@" + canaryDir.resolve("args.txt") + "\n");
    }

    @AfterContainer
    static void removeCanary() throws IOException {
        Files.deleteIfExists(canaryFile);
        Files.deleteIfExists(canaryDir);
    }

    @Property(tries = 300)
    void anyAtArgumentIsLiteralAndReportedOnOneLine(@ForAll("commands") List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HoistCli.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String all = out + "\n" + err;
        assertThat(code).as("%s: %s", args, all).isIn(0, 1, 2);
        assertThat(all).as("%s", args).doesNotContain(CANARY).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(err.toString().lines().toList()).as("%s: %s", args, all)
                .allSatisfy(line -> assertThat(line).startsWith("hoist: ")).hasSizeLessThan(2);
    }

    @Provide
    Arbitrary<List<String>> commands() {
        Arbitrary<String> at = atArguments();
        Arbitrary<List<String>> prefix = Arbitraries.of(
                List.of("push"), List.of("push", "--"), List.of("validate", "--flavor", "default"),
                List.of("validate", "--flavor", "default", "--json", "--"), List.of("ref"), List.of("ref", "--json"),
                List.of("ref", "--uri"), List.of("validate", "--flavor"), List.of("push", "--registry"),
                List.of("--config"), List.of("--plugins"), List.of(), List.of("flavors"), List.of("stacks"), List.of("help"));
        return Combinators.combine(prefix, at.list().ofMinSize(1).ofMaxSize(3)).as((head, tail) -> {
            List<String> args = new ArrayList<>(head);
            args.addAll(tail);
            return args;
        });
    }

    private static Arbitrary<String> atArguments() {
        Arbitrary<String> paths = Arbitraries.of("/tmp", ".", "/", "", "..", "/dev/null", "/nonexistent/x",
                "@x", "@@x", "localhost:5000/app:1", canaryFile.toString(), canaryDir.toString(), "@" + canaryFile);
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(40)
                .withChars("@/.:-_ax09~\\'\"").withCharRange('a', 'z');
        return Arbitraries.oneOf(paths, random, paths.flatMap(p -> random.map(r -> p + r))).map(s -> "@" + s);
    }
}
