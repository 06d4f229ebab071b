package dev.hoist.cli;

import static dev.hoist.cli.CliRun.run;
import dev.hoist.cli.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.docker.FakeEngine;
import dev.hoist.testing.TestPodman;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoist engine} against the real dockerd and Podman, and {@code hoist push} and {@code hoist demo} against an
 * engine that never answers. In-process where the config decides the endpoint; through the shaded jar where the
 * environment must differ from this JVM's ({@code DOCKER_HOST} unset, {@code DOCKER_CONTEXT} set).
 */
class EngineCommandIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));
    private static final String JSON = "\\{\"endpoint\":\"%s\",\"source\":\"%s\",\"reachable\":true,\"engine\":\"%s\","
            + "\"version\":\"[0-9][^\"]*\",\"apiVersion\":\"1\\.[0-9]+\"}";

    @TempDir
    Path dir;

    private String config(String hocon) throws IOException {
        Path file = dir.resolve("hoist.conf");
        Files.writeString(file, hocon);
        return file.toString();
    }

    @Test
    void engineJsonDescribesDockerd() throws IOException {
        TestServices.require();
        Result result = run("--config", config("hoist.docker.host = \"" + TestServices.dockerHost() + "\""), "engine", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().strip()).matches(String.format(JSON, quoteRegex(TestServices.dockerHost()), "config", "docker"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void engineJsonDescribesPodman() throws IOException {
        TestPodman.require();
        String host = TestPodman.host().orElseThrow();
        Result result = run("--config", config("hoist.docker.host = \"" + host + "\""), "engine", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().strip()).matches(String.format(JSON, quoteRegex(host), "config", "podman"));
    }

    @Test
    void engineTextNamesTheRuleAndTheEngine() throws IOException {
        TestPodman.require();
        Result result = run("--config", config("hoist.docker.host = \"" + TestPodman.host().orElseThrow() + "\""), "engine");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("source:     config").contains("reachable:  yes").contains("engine:     podman ");
    }

    @Test
    void anEngineThatIsNotThereExitsOneAndSaysWhereAndWhy() throws IOException {
        Result result = run("--config", config("hoist.docker.host = \"unix://" + dir.resolve("none.sock") + "\""),
                "engine", "--json");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().strip()).isEqualTo("{\"endpoint\":\"unix://" + dir.resolve("none.sock")
                + "\",\"source\":\"config\",\"reachable\":false,\"engine\":null,\"version\":null,\"apiVersion\":null}");
        assertThat(result.err()).contains("unix://" + dir.resolve("none.sock") + " (chosen by hoist.docker.host)");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // Only keeps a regression from hanging the build.
    void pushAndDemoAgainstASilentEngineEndWithTheIdleTimeoutNamed() throws IOException {
        try (FakeEngine silent = new FakeEngine(dir, FakeEngine.Behaviour.SILENT)) {
            String conf = config("hoist.docker { host = \"" + silent.endpoint() + "\", idle-timeout = 2s }");
            for (String[] command : List.of(new String[] {"push", "localhost:5000/app:1"}, new String[] {"demo"})) {
                List<String> args = new ArrayList<>(List.of("--config", conf));
                args.addAll(List.of(command));
                Result result = run(args.toArray(String[]::new));
                assertThat(result.code()).as(command[0]).isEqualTo(1);
                assertThat(result.err()).as(command[0])
                        .contains("no byte moved in either direction for 2s (hoist.docker.idle-timeout)")
                        .doesNotContain("PT2S");
            }
        }
    }

    @Test
    void aNamedContextThatDoesNotExistIsAUsageError() throws Exception {
        Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
        Result result = jar(Map.of("DOCKER_CONTEXT", "gone", "DOCKER_CONFIG", dockerConfig.toString()), "engine");
        assertThat(result.code()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("Docker context 'gone' (named by DOCKER_CONTEXT)")
                .contains(dockerConfig.resolve("contexts").resolve("meta").toString());
    }

    @Test
    void dockerHostIsTheRuleWhenTheConfigNamesNoHost() throws Exception {
        TestPodman.require();
        String host = TestPodman.host().orElseThrow();
        Result result = jar(Map.of("DOCKER_HOST", host), "engine", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().strip()).matches(String.format(JSON, quoteRegex(host), "DOCKER_HOST", "podman"));
    }

    @Test
    void aDockerContextIsReadFromTheContextStore() throws Exception {
        TestPodman.require();
        String host = TestPodman.host().orElseThrow();
        Path dockerConfig = Files.createDirectories(dir.resolve("docker"));
        String id = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("podman-it".getBytes(StandardCharsets.UTF_8)));
        Path meta = Files.createDirectories(dockerConfig.resolve("contexts/meta/" + id)).resolve("meta.json");
        Files.writeString(meta, "{\"Name\":\"podman-it\",\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\"}}}");
        Files.writeString(dockerConfig.resolve("config.json"), "{\"currentContext\":\"podman-it\"}");
        Result result = jar(Map.of("DOCKER_CONFIG", dockerConfig.toString()), "engine", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().strip()).matches(String.format(JSON, quoteRegex(host), "context:podman-it", "podman"));
    }

    /** Runs the shaded jar with this JVM's environment, minus the engine variables, plus {@code env}. */
    private static Result jar(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY",
                "DOCKER_CERT_PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("hoist finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });
    }

    private static String quoteRegex(String text) {
        return java.util.regex.Pattern.quote(text);
    }
}
