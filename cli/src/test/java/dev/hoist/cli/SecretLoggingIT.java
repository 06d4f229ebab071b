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
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15 item 4: with every logging knob a user has turned to DEBUG or TRACE, a real push through
 * the real engine prints neither the {@code X-Registry-Auth} header nor the password, in clear or in
 * base64. Each case also checks that debug output did appear, so that a silent logger cannot pass.
 */
class SecretLoggingIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar")).toAbsolutePath();
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
    void services() {
        TestServices.require();
    }

    private Result hoist(List<String> jvmOptions, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("DOCKER_HOST", TestServices.dockerHost());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("REGISTRY_PASSWORD", password);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(dir.resolve("stderr")));
    }

    private Path config(String registryUri) throws Exception {
        return Files.writeString(dir.resolve("hoist.conf"), "hoist.registries.it { flavor = default, uri = \"" + registryUri
                + "\", credentials { username = \"" + TestServices.registryUser() + "\", password = ${REGISTRY_PASSWORD} } }\n");
    }

    /** The logging settings a user might try, each as JVM options (the same as JAVA_TOOL_OPTIONS). */
    private static List<String> debugOptions(String variant) {
        String prefix = "-Dorg.slf4j.simpleLogger.log.";
        return switch (variant) {
            case "trace-everything" -> List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                    prefix + "org.apache.hc=trace", prefix + "com.github.dockerjava=trace");
            case "debug-named-loggers" -> List.of(prefix + "org.apache.hc.client5.http.headers=debug",
                    prefix + "org.apache.hc.client5.http.wire=debug", prefix + "org.apache.hc=debug",
                    prefix + "com.github.dockerjava=debug", prefix + "com.github.dockerjava.core.command.AbstrDockerCmd=debug");
            case "trace-parents" -> List.of(prefix + "org=trace", prefix + "com=trace", prefix + "org.apache.hc.client5.http=trace");
            default -> throw new IllegalArgumentException(variant);
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trace-everything", "debug-named-loggers", "trace-parents"})
    void aPushWithDebugLoggingNeverPrintsTheRegistryAuthHeader(String variant) throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String tag = TestImages.uniqueTag();
        // The plain registry asks for no credentials, so the push succeeds, but the engine still gets them.
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-it/log-canary", tag, 4 * 1024);
        try {
            Result result = hoist(debugOptions(variant), canary, "push", "--verbose",
                    "--config", config(TestServices.registry()).toString(), "--registry", "it", image);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/log-canary", tag))
                    .isEqualTo(result.out().strip());
            assertThat(result.err()).as("debug logging was on").contains("[DEBUG]");
            assertNoSecret(result, canary);
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void anAuthenticatedPushWithTraceLoggingNeverPrintsTheRealPassword() throws Exception {
        TestServices.requireAuthRegistries();
        String password = TestServices.registryPassword();
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.authRegistry() + "/hoist-it/log-auth", tag, 4 * 1024);
        try {
            Result result = hoist(debugOptions("trace-everything"), password, "push", "--verbose",
                    "--config", config(TestServices.authRegistry()).toString(), "--registry", "it", image);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(RegistryHttp.manifestDigest(TestServices.authRegistry(), "hoist-it/log-auth", tag,
                    TestServices.registryUser(), password, false)).isEqualTo(result.out().strip());
            assertThat(result.err()).contains("[DEBUG]");
            assertNoSecret(result, password);
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void authWithTheJdkHttpClientLogOnNeverPrintsTheAuthorizationHeader() throws Exception {
        TestServices.requireAuthRegistries();
        String canary = "canary-" + UUID.randomUUID();
        List<String> options = new ArrayList<>(debugOptions("trace-everything"));
        options.addAll(List.of("-Djdk.httpclient.HttpClient.log=all", "-Djdk.internal.httpclient.debug=true"));
        Result result = hoist(options, canary, "auth", "--verbose", "--json",
                "--config", config(TestServices.authRegistry()).toString(), "--registry", "it");
        assertThat(result.code()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("\"status\":\"unauthorized\"");
        assertNoSecret(result, canary);
        assertThat(result.err()).doesNotContainIgnoringCase("authorization:");
    }

    /** Neither the header, nor the secret in clear, nor the secret inside any base64 or base64url token. */
    private static void assertNoSecret(Result result, String secret) {
        String all = result.out() + "\n" + result.err();
        assertThat(all).doesNotContainIgnoringCase("X-Registry-Auth").doesNotContain(secret);
        Matcher tokens = Pattern.compile("[A-Za-z0-9+/_-]{12,}").matcher(all);
        while (tokens.find()) {
            String token = tokens.group().replace('-', '+').replace('_', '/');
            for (int shift = 0; shift < 4; shift++) {
                String aligned = token.substring(shift);
                aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
                String decoded = new String(Base64.getDecoder().decode(aligned), StandardCharsets.ISO_8859_1);
                assertThat(decoded).as("base64 token %s", tokens.group()).doesNotContain(secret);
            }
        }
    }
}
