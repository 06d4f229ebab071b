package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: on JDK 24 and later every push printed four {@code WARNING: sun.misc.Unsafe::…} lines (JEP 498), from
 * Guava 31's {@code AbstractFuture} and Guice's generated classes. The shaded jar, run by the newest JDK on this
 * machine (Temurin 25 under /usr/lib/jvm, or {@code HOIST_TEST_NEWER_JDK}), pushes and copies without a warning.
 */
class NewerJdkWarningsIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));

    @TempDir
    Path dir;

    private static Optional<Path> newerJava() throws Exception {
        String given = System.getenv("HOIST_TEST_NEWER_JDK");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given, "bin", "java"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(jvms)) {
            return all.filter(p -> p.getFileName().toString().matches(".*-2[4-9](\\..*)?-.*|.*-2[4-9]"))
                    .map(p -> p.resolve("bin/java")).filter(Files::isExecutable).findFirst();
        }
    }

    @Test
    void aPushAndACopyOnJdk25PrintNoUnsafeWarnings() throws Exception {
        TestServices.requireRegistry();
        Optional<Path> java = newerJava();
        if (java.isEmpty()) {
            TestServices.skipOrFail("a JDK 24 or later (Temurin 25 under /usr/lib/jvm, or HOIST_TEST_NEWER_JDK)");
            return;
        }
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(5000), "x:1", dir.resolve("x.tar"), false);
        String target = TestServices.registry() + "/hoist-it/jdk25:" + TestImages.uniqueTag();
        for (List<String> command : List.of(
                List.of("push", "--progress", "plain", "--from", "docker-archive:" + archive, target),
                List.of("copy", "--progress", "plain", target, target + "-copy"))) {
            List<String> all = new java.util.ArrayList<>(List.of(java.get().toString(), "-jar", JAR.toString()));
            all.addAll(command);
            Process process = new ProcessBuilder(all).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out).as(command.get(0) + " on " + java.get()).doesNotContain("WARNING");
        }
    }
}
