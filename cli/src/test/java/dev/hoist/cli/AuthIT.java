package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hoist auth} and authenticated {@code hoist push}, run from the shaded jar against the real registries. */
class AuthIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void services() {
        TestServices.require();
        TestServices.requireAuthRegistries();
    }

    private Result hoist(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("DOCKER_HOST", TestServices.dockerHost());
        builder.environment().put("HOME", dir.toString()); // no stray ~/.docker/config.json
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        Result result = new Result(process.exitValue(), out, Files.readString(dir.resolve("stderr")));
        // Whatever happened, the password was never printed.
        assertThat(result.out() + result.err()).doesNotContain(TestServices.registryPassword());
        return result;
    }

    private Path config() throws Exception {
        String credentials = "credentials { username = \"" + TestServices.registryUser() + "\", password = ${?REGISTRY_PASSWORD} }";
        return Files.writeString(dir.resolve("hoist.conf"), String.join("\n",
                "hoist.registries.local.uri = \"" + TestServices.registry() + "\"",
                "hoist.registries.basic { flavor = default, uri = \"" + TestServices.authRegistry() + "/team\", " + credentials + " }",
                "hoist.registries.tls { flavor = default, uri = \"" + TestServices.tlsRegistry() + "\", " + credentials + " }",
                "hoist.registries.nocreds { flavor = default, uri = \"" + TestServices.authRegistry() + "\" }",
                "hoist.registries.closed { flavor = default, uri = \"127.0.0.1:1\" }"));
    }

    private Result auth(String registry, String password) throws Exception {
        return hoist(Map.of("REGISTRY_PASSWORD", password), "auth", "--config", config().toString(), "--registry", registry, "--json");
    }

    @Test
    void reportsTheSourceAndTheRegistrysAnswerForEachRegistry() throws Exception {
        String password = TestServices.registryPassword();
        Result open = auth("local", password);
        assertThat(open.code()).as(open.err()).isZero();
        assertThat(open.out().strip()).startsWith("{\"registry\":\"local\",\"host\":\"" + TestServices.registry()
                + "\",\"source\":null,\"username\":null,\"status\":\"ok\",");

        for (String registry : List.of("basic", "tls")) {
            Result ok = auth(registry, password);
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("\"source\":\"config hoist.registries." + registry + ".credentials\"",
                    "\"username\":\"" + TestServices.registryUser() + "\"", "\"status\":\"ok\"");
        }

        Result wrong = auth("basic", "not-the-password");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.out()).contains("\"status\":\"unauthorized\"").doesNotContain("not-the-password");

        Result none = auth("nocreds", password);
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).contains("\"source\":null", "\"status\":\"unauthorized\"");

        Result closed = auth("closed", password);
        assertThat(closed.code()).isEqualTo(2);
        assertThat(closed.out()).contains("\"status\":\"unreachable\"");
    }

    @Test
    void anAuthenticatedPushPrintsTheDigestAndAWrongPasswordFailsNamingTheSource() throws Exception {
        try (DockerEngine engine = new DockerEngine(TestServices.dockerSettings())) {
            String tag = TestImages.uniqueTag();
            String image = TestImages.load(engine, TestServices.tlsRegistry() + "/hoist-it/cli-auth", tag, 16 * 1024);
            try {
                Result pushed = hoist(Map.of("REGISTRY_PASSWORD", TestServices.registryPassword()),
                        "push", "--verbose", "--config", config().toString(), "--registry", "tls", image);
                assertThat(pushed.code()).as(pushed.err()).isZero();
                assertThat(RegistryHttp.manifestDigest(TestServices.tlsRegistry(), "hoist-it/cli-auth", tag,
                        TestServices.registryUser(), TestServices.registryPassword(), true)).isEqualTo(pushed.out().strip());

                Result refused = hoist(Map.of("REGISTRY_PASSWORD", "not-the-password"),
                        "push", "--verbose", "--config", config().toString(), "--registry", "tls", image);
                assertThat(refused.code()).isEqualTo(1);
                assertThat(refused.err()).contains("hoist: The registry refused access to")
                        .contains("Hoist used credentials of user '" + TestServices.registryUser()
                                + "' from config hoist.registries.tls.credentials")
                        .doesNotContain("not-the-password");
            } finally {
                engine.removeImage(image);
            }
        }
    }
}
