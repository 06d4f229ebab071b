package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoist push --progress}, {@code --digest-file}, and the live bars in a real terminal (a tmux pane), run
 * from the shaded jar as users run it, pushing to the real registry and reading the digest back.
 */
class ProgressCliIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));
    private static final Pattern ESCAPE = Pattern.compile("\u001b");

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        String lastOutLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @BeforeEach
    void services() {
        TestServices.require();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Result hoist(String... args) throws Exception {
        Process process = new ProcessBuilder(command(args)).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("hoist finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Path config(String registry) throws IOException {
        return Files.writeString(dir.resolve("hoist.conf"), "hoist.registries.local.uri = \"" + registry + "\"\n"
                + "hoist.registry-api.blob-cache-directory = \"" + dir.resolve("cache") + "\"\n");
    }

    private static String shortId(String digest) {
        return digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    @Test
    void plainProgressIsALinePerChangeWithNoEscapeCodesAndTheDigestFileHoldsTheDigest() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(70_000, 3_000_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        String tag = TestImages.uniqueTag();
        String target = TestServices.registry() + "/hoist-it/progress-plain:" + tag;
        Path digestFile = dir.resolve("digest.txt");

        // No --progress: stderr is a pipe here, so auto is plain.
        Result result = hoist("push", "--config", config(TestServices.registry()).toString(), "--from",
                "docker-archive:" + archive, "--digest-file", digestFile.toString(), target);

        assertThat(result.code()).as(result.err()).isZero();
        String digest = RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/progress-plain", tag);
        assertThat(result.out().lines()).containsExactly(digest);
        assertThat(Files.readString(digestFile)).isEqualTo(digest);
        assertThat(ESCAPE.matcher(result.err()).find()).as("escape codes in\n" + result.err()).isFalse();
        List<String> lines = result.err().lines().toList();
        assertThat(lines).anyMatch(line -> line.startsWith("push " + target + " through registry-api: 2 layers, "));
        for (String diffId : image.diffIds()) {
            String id = shortId(diffId);
            List<String> mine = lines.stream().filter(line -> line.startsWith(id + " ")).toList();
            assertThat(mine.get(0)).isEqualTo(id + " checking");
            assertThat(mine.get(1)).startsWith(id + " uploading 0% 0 B / ");
            assertThat(mine.get(mine.size() - 1)).startsWith(id + " done ");
            assertThat(mine.subList(1, mine.size() - 1)).allSatisfy(line -> assertThat(line).startsWith(id + " uploading "));
            // A line per 10 % at most, and per state change: never one per read.
            assertThat(mine.size()).isLessThanOrEqualTo(1 + 11 + 1 + 1);
        }
        assertThat(lines).contains("manifest " + digest);
        assertThat(lines.get(lines.size() - 1)).startsWith("Pushed " + target + " " + digest + ": 2 layers (2 uploaded, 0 exist,");
    }

    @Test
    void quietPrintsNothingButTheDigestAndErrors() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(70_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        String tag = TestImages.uniqueTag();
        String target = TestServices.registry() + "/hoist-it/progress-quiet:" + tag;
        Path config = config(TestServices.registry());

        Result result = hoist("push", "--config", config.toString(), "--progress=quiet", "--from",
                "docker-archive:" + archive, target);

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out().lines()).containsExactly(
                RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/progress-quiet", tag));

        Result failed = hoist("push", "--config", config.toString(), "--progress=quiet", "--from",
                "docker-archive:" + dir.resolve("absent.tar"), target);
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err().lines()).singleElement().asString().startsWith("hoist: ");
        assertThat(failed.out()).isEmpty();
    }

    @Test
    void aDigestFileThatCannotBeWrittenIsAOneLineError() throws Exception {
        TestArchives.Image image = TestArchives.randomImage(1_000);
        Path archive = TestArchives.legacyArchive(image, "app:1", dir.resolve("app.tar"), false);
        Path nowhere = dir.resolve("no-such-dir").resolve("digest.txt");
        String target = TestServices.registry() + "/hoist-it/progress-df:" + TestImages.uniqueTag();
        Result result = hoist("push", "--config", config(TestServices.registry()).toString(), "--progress=quiet",
                "--digest-file", nowhere.toString(), "--from", "docker-archive:" + archive, target);
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("hoist: Cannot write the digest to --digest-file " + nowhere)
                .contains("the directory " + nowhere.getParent() + " does not exist");
        // The push succeeded: stdout still ends with its digest, which is the registry's.
        String tag = target.substring(target.lastIndexOf(':') + 1);
        assertThat(result.out().lines().reduce((first, second) -> second).orElseThrow())
                .isEqualTo(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/progress-df", tag));
    }

    @Test
    void anUnknownProgressModeIsAUsageError() throws Exception {
        Result result = hoist("push", "--progress=fancy", "localhost:5000/app:1");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("'fancy' is not a progress mode; use auto, tty, plain or quiet");
    }

    /**
     * The bars in a real terminal: hoist runs in a tmux pane (its stderr a tty, so auto is tty) and pushes a 200 MB
     * layer through a proxy that slows it to 40 MB/s; the pane, captured as it goes, shows one bar line per layer
     * that is rewritten in place, never appended.
     */
    @Test
    void ttyBarsRedrawInPlaceInARealTerminal() throws Exception {
        assertThat(run(List.of("tmux", "-V")).code()).as("tmux installed (scripts/services.sh installs it)").isZero();
        TestArchives.Image image = TestArchives.randomImage(200_000_000, 50_000);
        Path archive = TestArchives.legacyArchive(image, "big:1", dir.resolve("big.tar"), false);
        String big = shortId(image.diffIds().get(0));
        String small = shortId(image.diffIds().get(1));
        String socket = "hoist-it-" + TestImages.uniqueTag();
        try (ThrottlingProxy proxy = new ThrottlingProxy(TestServices.registry(), 40_000_000)) {
            String target = proxy.address() + "/hoist-it/progress-tty:" + TestImages.uniqueTag();
            String shell = String.join(" ", command("push", "--config", config(proxy.address()).toString(), "--from",
                    "docker-archive:" + archive, target).stream().map(ProgressCliIT::quote).toList())
                    + "; echo EXIT=$?; sleep 600";
            assertThat(run(List.of("tmux", "-L", socket, "new-session", "-d", "-s", "push", "-x", "200", "-y", "50",
                    shell)).code()).isZero();
            List<List<String>> snapshots = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                List<String> pane = run(List.of("tmux", "-L", socket, "capture-pane", "-p", "-t", "push")).out()
                        .lines().map(String::stripTrailing).filter(line -> !line.isEmpty()).toList();
                snapshots.add(pane);
                if (pane.stream().anyMatch(line -> line.startsWith("EXIT="))) {
                    break;
                }
                Thread.sleep(100);
            }
            List<String> last = snapshots.get(snapshots.size() - 1);
            assertThat(last).as(String.join("\n", last)).contains("EXIT=0");

            // Every snapshot: at most one line per layer (redrawn, not appended), and no raw escape codes.
            for (List<String> pane : snapshots) {
                assertThat(pane.stream().filter(line -> line.startsWith(big + " "))).as(String.join("\n", pane))
                        .hasSizeLessThanOrEqualTo(1);
                assertThat(pane).noneMatch(line -> line.contains("\u001b") || line.contains("[0K") || line.contains("[1A"));
            }
            // The big layer's bar while it uploads: one row, whose text changes from snapshot to snapshot.
            List<Integer> rows = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (List<String> pane : snapshots) {
                for (int i = 0; i < pane.size(); i++) {
                    String line = pane.get(i);
                    if (line.startsWith(big + " uploading")) {
                        rows.add(i);
                        texts.add(line);
                    }
                }
            }
            assertThat(texts).as("bars seen").hasSizeGreaterThanOrEqualTo(3);
            assertThat(texts.stream().distinct().count()).as("redrawn with new bytes").isGreaterThanOrEqualTo(3);
            assertThat(rows.stream().distinct()).as("always the same row").hasSize(1);
            assertThat(texts).allSatisfy(line -> assertThat(line)
                    .matches(Pattern.quote(big) + " uploading \\[=*>? *\\] [0-9.]+ [kMG]?B / 200\\.0 MB( +[0-9.]+ [kMG]?B/s)?"));
            int row = rows.get(0);
            assertThat(last.get(row)).startsWith(big + " done ");
            assertThat(last).anyMatch(line -> line.startsWith(small + " done "));
            assertThat(last).anyMatch(line -> line.startsWith("Pushed " + target + " sha256:"));
        } finally {
            run(List.of("tmux", "-L", socket, "kill-server"));
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }
}
