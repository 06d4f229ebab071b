package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 10, end to end through the shaded jar and the real engine: docker's config.json
 * (found through {@code DOCKER_CONFIG}) holds {@code {"credsStore":"desktop.exe"}} and no
 * {@code docker-credential-desktop.exe} is installed. A push to a registry that needs no
 * credentials succeeds with one warning; a push to one that needs them fails, naming the helper.
 */
class MissingCredsStoreIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar")).toAbsolutePath();
    private static final String HELPER = "docker-credential-desktop.exe";
    private static DockerEngine engine;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(TestServices.dockerSettings());
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void services() throws Exception {
        TestServices.require();
        Files.writeString(Files.createDirectories(dir.resolve("docker")).resolve("config.json"), "{\"credsStore\":\"desktop.exe\"}");
    }

    private Result hoist(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("DOCKER_HOST", TestServices.dockerHost());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("DOCKER_CONFIG", dir.resolve("docker").toString());
        builder.environment().remove("DOCKER_AUTH_CONFIG");
        builder.environment().remove("REGISTRY_AUTH_FILE");
        builder.environment().remove("XDG_RUNTIME_DIR");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(dir.resolve("stderr")));
    }

    private Path config(String registry) throws Exception {
        return Files.writeString(dir.resolve("hoist.conf"), "hoist.registries.it { flavor = default, uri = \"" + registry + "\" }\n");
    }

    @Test
    void theHelperIsInstalledNowhereOnThisMachine() {
        // The premise of the other tests: were it installed, they would prove nothing.
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            assertThat(Path.of(directory.isEmpty() ? "." : directory, HELPER)).doesNotExist();
        }
    }

    @Test
    void aPushToARegistryWithoutAuthSucceedsWithOneWarning() throws Exception {
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-it/creds-store", tag, 4 * 1024);
        try {
            Result result = hoist("push", "--config", config(TestServices.registry()).toString(), "--registry", "it", image);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/creds-store", tag)).isEqualTo(result.out().strip());
            assertThat(result.err().lines().filter(line -> line.startsWith("[WARN]")))
                    .singleElement().asString()
                    .contains("Skipping credsStore in docker config " + dir.resolve("docker/config.json"))
                    .contains(HELPER + " is not installed");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void aRefusedPushNamesTheMissingHelper() throws Exception {
        TestServices.requireAuthRegistries();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.authRegistry() + "/hoist-it/creds-store", tag, 4 * 1024);
        try {
            Result result = hoist("push", "--config", config(TestServices.authRegistry()).toString(), "--registry", "it", image);
            assertThat(result.code()).as(result.err()).isEqualTo(1);
            assertThat(result.err().lines().filter(line -> line.startsWith("hoist: "))).singleElement().asString()
                    .startsWith("hoist: The registry refused access to '" + image + "'")
                    .contains("Hoist used no credentials (anonymous; asked docker config " + dir.resolve("docker/config.json"))
                    .contains("skipped: credsStore in docker config " + dir.resolve("docker/config.json")
                            + " names credential helper " + HELPER + ", which is not installed (not on the PATH)");
            assertThat(result.err().lines().filter(line -> line.startsWith("[WARN]"))).hasSize(1);
        } finally {
            engine.removeImage(image);
        }
    }
}
