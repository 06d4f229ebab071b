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
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each command loads, read from the JVM's own class-loading log, and the AppCDS archive the build writes
 * beside the jar, used by {@code bin/hoist}: present, used, and harmless when corrupt.
 */
class StartupIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar")).toAbsolutePath();
    private static final Path JSA = JAR.resolveSibling("hoist.jsa");
    private static final Path BIN_HOIST = JAR.getParent().getParent().getParent().resolve("bin").resolve("hoist");
    private static final List<String> CDS_OPTIONS = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
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

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the jar with the class-loading log on, and returns the names of the loaded classes. */
    private List<String> loadedClasses(String... args) throws Exception {
        Path log = dir.resolve("classes-" + TestImages.uniqueTag() + ".txt");
        List<String> command = new ArrayList<>(List.of(java(), "-Xlog:class+load=info:file=" + log, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Result result = run(command, Map.of());
        assertThat(result.code()).as(result.err()).isZero();
        return Files.readAllLines(log).stream().filter(line -> line.contains("[class,load]"))
                .map(line -> line.replaceFirst("^.*\\[class,load\\] (\\S+).*$", "$1")).toList();
    }

    @Test
    void flavorsValidateAndRefBuildNoDockerClientAndRunNoCredentialChain() throws Exception {
        List<List<String>> commands = List.of(List.of("flavors"), List.of("validate", "--flavor", "default",
                "localhost:5000/team"), List.of("ref", "ubuntu"));
        for (List<String> command : commands) {
            List<String> loaded = loadedClasses(command.toArray(String[]::new));
            assertThat(loaded).as(String.join(" ", command)).isNotEmpty()
                    .noneMatch(name -> name.startsWith("com.github.dockerjava."))
                    .noneMatch(name -> name.startsWith("org.apache.hc."))
                    .doesNotContain("dev.hoist.auth.CredentialResolver", "dev.hoist.auth.DockerConfigFile",
                            "dev.hoist.auth.CredentialHelper", "dev.hoist.docker.DockerEngine");
        }
        // ref parses references and needs no Hoist at all.
        assertThat(loadedClasses("ref", "ubuntu")).noneMatch(name -> name.startsWith("com.google.inject."))
                .noneMatch(name -> name.startsWith("com.typesafe.config."))
                .noneMatch(name -> name.startsWith("dev.hoist.inject."));
    }

    /** The arguments of a registry-API push of a small docker archive to the test registry, tagged {@code tag}. */
    private String[] archivePush(String tag) throws IOException {
        TestServices.require();
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(10_000), "app:1", dir.resolve("app.tar"), false);
        Path config = Files.writeString(dir.resolve("hoist.conf"), "hoist.registries.local.uri = \""
                + TestServices.registry() + "\"\nhoist.registry-api.blob-cache-directory = \"" + dir.resolve("cache") + "\"\n");
        return new String[] {"push", "--config", config.toString(), "--progress=quiet", "--from", "docker-archive:" + archive,
            TestServices.registry() + "/hoist-it/startup:" + tag};
    }

    @Test
    void aPushFromAnArchiveLoadsNoDockerJavaClass() throws Exception {
        String tag = TestImages.uniqueTag();
        List<String> loaded = loadedClasses(archivePush(tag));
        assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/startup", tag)).startsWith("sha256:");
        assertThat(loaded).contains("dev.hoist.transport.registry.RegistryApiTransport")
                .noneMatch(name -> name.startsWith("com.github.dockerjava."));
    }

    /** Runs the jar with the build's archive and {@code jvmOptions}; returns the class-loading log's lines. */
    private List<String> withArchive(List<String> jvmOptions, String... args) throws Exception {
        assertThat(JSA).as("written by the build's appcds-archive step").isRegularFile();
        Path log = dir.resolve("cds-" + TestImages.uniqueTag() + ".txt");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.add("-XX:SharedArchiveFile=" + JSA);
        command.addAll(CDS_OPTIONS);
        command.addAll(List.of("-Xlog:class+load=info:file=" + log, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Result result = run(command, Map.of());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        return Files.readAllLines(log);
    }

    private static boolean fromArchive(String line, String className) {
        return line.contains("[class,load] " + className + " ") && line.contains("shared objects file");
    }

    @Test
    void theBuildWritesAnAppCdsArchiveThatTheCommandsUse() throws Exception {
        assertThat(withArchive(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), "ref", "ubuntu"))
                .anyMatch(line -> fromArchive(line, "dev.hoist.cli.RefCommand"));
    }

    @Test
    void theArchiveHoldsWhatAPushFromAnArchiveLoads() throws Exception {
        // The build's training push (CdsTraining) goes to a registry inside the training JVM; this push, with
        // bin/hoist's options for a push, goes to the real test registry and must find those classes archived.
        String tag = TestImages.uniqueTag();
        List<String> log = withArchive(List.of("-XX:+UseSerialGC"), archivePush(tag));
        assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/startup", tag)).startsWith("sha256:");
        for (String name : List.of("dev.hoist.transport.registry.RegistryApiTransport",
                "dev.hoist.transport.source.DockerSaveManifest", "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.google.inject.internal.InjectorImpl")) {
            assertThat(log).as(name).anyMatch(line -> fromArchive(line, name));
        }
    }

    @Test
    void aCorruptOrStaleArchiveOnlyCostsSpeed() throws Exception {
        byte[] garbage = new byte[200_000];
        new SecureRandom().nextBytes(garbage);
        Path corrupt = Files.write(dir.resolve("corrupt.jsa"), garbage);
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:SharedArchiveFile=" + corrupt));
        command.addAll(CDS_OPTIONS);
        command.addAll(List.of("-jar", JAR.toString(), "ref", "ubuntu"));
        Result direct = run(command, Map.of());
        assertThat(direct.code()).as(direct.err()).isZero();
        assertThat(direct.err()).isEmpty();
        assertThat(direct.out()).isEqualTo("valid    ubuntu -> docker.io/library/ubuntu\n");

        // bin/hoist itself, in a copy of the tree whose archive is corrupt (and newer than the jar, so it is tried).
        Path root = dir.resolve("tree");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("cli/target"));
        Path launcher = Files.copy(BIN_HOIST, root.resolve("bin/hoist"));
        launcher.toFile().setExecutable(true);
        Files.createSymbolicLink(root.resolve("cli/target/hoist.jar"), JAR);
        Path jsa = Files.write(root.resolve("cli/target/hoist.jsa"), garbage);
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Result viaLauncher = run(List.of(launcher.toString(), "flavors"), Map.of());
        assertThat(viaLauncher.code()).as(viaLauncher.err()).isZero();
        assertThat(viaLauncher.err()).isEmpty();
        assertThat(viaLauncher.out()).contains("default");
    }
}
