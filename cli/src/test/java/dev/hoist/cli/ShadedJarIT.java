package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.docker.DockerEngine;
import dev.hoist.testing.RegistryHttp;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar itself, run as users run it: {@code java -jar hoist.jar ...}. */
class ShadedJarIT {

    private static final Path JAR = Path.of(System.getProperty("test.hoist.jar", "target/hoist.jar"));
    private static DockerEngine engine;

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        String lastOutLine() {
            List<String> lines = out.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    @BeforeAll
    static void engine() {
        engine = new DockerEngine(TestServices.dockerSettings());
    }

    // Per test, not per class: a class-level skip would be reported as zero tests rather than as skips.
    @BeforeEach
    void services() {
        TestServices.require();
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Result hoist(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DOCKER_HOST", TestServices.dockerHost());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read both streams while the process runs, so that neither pipe fills up.
        var out = readAsync(process.getInputStream());
        var err = readAsync(process.getErrorStream());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("hoist finished").isTrue();
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream stream) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });
    }

    private Path config(String hocon) throws IOException {
        Path file = dir.resolve("hoist.conf");
        Files.writeString(file, hocon);
        return file;
    }

    @Test
    void theJarMergesServiceFilesAndConcatenatesReferenceConf() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            String reference = new String(jar.getInputStream(jar.getEntry("reference.conf")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reference).contains("default-registry = local");
            for (String flavor : List.of("default", "azure", "gcp", "dockerhub", "github", "gitlab")) {
                assertThat(reference).contains("hoist.flavors." + flavor + " {");
            }
            String services = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/dev.hoist.spi.ContainerRegistryFlavor")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(services.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .containsExactlyInAnyOrder("dev.hoist.flavor.defaults.DefaultFlavor", "dev.hoist.flavor.azure.AzureFlavor",
                            "dev.hoist.flavor.gcp.GcpFlavor", "dev.hoist.flavor.dockerhub.DockerHubFlavor",
                            "dev.hoist.flavor.github.GitHubFlavor", "dev.hoist.flavor.gitlab.GitLabFlavor");
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.hoist.cli.HoistCli");
        }
    }

    @Test
    void flavorsJsonListsAllSixEachFromItsOwnJar() throws Exception {
        Result result = hoist(Map.of(), "flavors", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        String[] names = {"azure", "default", "dockerhub", "gcp", "github", "gitlab"};
        assertThat(lines).hasSize(names.length);
        for (int i = 0; i < names.length; i++) {
            assertThat(lines.get(i))
                    .contains("\"name\":\"" + names[i] + "\"")
                    .containsPattern("\"jar\":\"hoist-flavor-" + names[i] + "-[^\"]+\\.jar\"")
                    .contains("\"location\":\"" + JAR.toAbsolutePath().normalize());
        }
    }

    @Test
    void validateJsonOverSeveralUris() throws Exception {
        Result result = hoist(Map.of(), "validate", "--flavor", "default", "--json", "localhost:5000", "localhost:5000/A");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.out().lines().toList().get(1)).startsWith("{\"uri\":\"localhost:5000/A\",\"valid\":false,\"error\":");
    }

    @Test
    void demoPushesAFreshImageAndPrintsTheDigestTheRegistryServes() throws Exception {
        Result result = hoist(Map.of(), "--config", config("hoist.registries.local.uri = \"" + TestServices.registry() + "\"").toString(),
                "demo");
        assertThat(result.code()).as(result.err()).isZero();
        String digest = result.lastOutLine();
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(result.out().strip()).isEqualTo(digest);
        Matcher pushed = Pattern.compile("Pushed " + Pattern.quote(TestServices.registry()) + "/hoist-demo:([0-9a-f]+)")
                .matcher(result.err());
        assertThat(pushed.find()).as(result.err()).isTrue();
        assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-demo", pushed.group(1))).isEqualTo(digest);
        assertThat(RegistryHttp.catalog(TestServices.registry())).contains("\"hoist-demo\"");
    }

    @Test
    void pushPrintsOnlyTheDigestOnStdoutAndProgressOnStderr() throws Exception {
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, TestServices.registry() + "/hoist-it/cli", tag, 128 * 1024);
        try {
            Path config = config("hoist.registries.it { flavor = default, uri = \"" + TestServices.registry() + "/hoist-it\" }");
            Result result = hoist(Map.of(), "push", "--config", config.toString(), "--registry", "it", image);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out().lines()).singleElement().asString().matches("sha256:[0-9a-f]{64}");
            assertThat(result.err()).contains("Pushing " + TestServices.registry() + "/hoist-it/cli:" + tag);
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/cli", tag)).isEqualTo(result.lastOutLine());
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void validateAppliesEachProviderFlavorsRules() throws Exception {
        Result azure = hoist(Map.of(), "validate", "--flavor", "azure", "--json", "MyRegistry.azurecr.io/team", "my-reg.azurecr.io");
        assertThat(azure.code()).isEqualTo(1);
        assertThat(azure.out().lines().toList()).hasSize(2).first().asString()
                .isEqualTo("{\"uri\":\"MyRegistry.azurecr.io/team\",\"valid\":true,\"normalized\":\"myregistry.azurecr.io/team\"}");
        Result github = hoist(Map.of(), "validate", "--flavor", "github", "--json", "GHCR.io/owner", "docker.pkg.github.com/owner/repo");
        assertThat(github.out().lines().toList()).hasSize(2).last().asString()
                .startsWith("{\"uri\":\"docker.pkg.github.com/owner/repo\",\"valid\":false,\"error\":")
                .contains("ghcr.io");
        Result dockerhub = hoist(Map.of(), "validate", "--flavor", "dockerhub", "--json", "index.docker.io/myaccount");
        assertThat(dockerhub.code()).isZero();
        assertThat(dockerhub.out().strip())
                .isEqualTo("{\"uri\":\"index.docker.io/myaccount\",\"valid\":true,\"normalized\":\"docker.io/myaccount\"}");
    }

    @Test
    void pushesThroughTheGitlabFlavorToALoopbackSelfManagedRegistry() throws Exception {
        // gitlab takes any host, so a self-managed instance on loopback is a valid URI.
        String project = TestServices.registry() + "/group/project";
        String tag = TestImages.uniqueTag();
        String image = TestImages.load(engine, project + "/app", tag, 64 * 1024);
        try {
            Path config = config("hoist.registries.gl { flavor = gitlab, uri = \"" + project + "\" }");
            Result result = hoist(Map.of(), "push", "--config", config.toString(), "--registry", "gl", image);
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "group/project/app", tag)).isEqualTo(result.lastOutLine());

            Result tooDeep = hoist(Map.of(), "push", "--config", config.toString(), "--registry", "gl", project + "/a/b/c:1");
            assertThat(tooDeep.code()).isEqualTo(1);
            assertThat(tooDeep.err()).contains("hoist: Image name '" + project + "/a/b/c:1' is invalid");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void aMissingImageADownDaemonAndADownRegistryEachFailWithOneLine() throws Exception {
        String registry = TestServices.registry();
        Path config = config("hoist.registries.local.uri = \"" + registry + "\"\n"
                + "hoist.registries.down { flavor = default, uri = \"127.0.0.1:1\" }");

        Result missing = hoist(Map.of(), "push", "--config", config.toString(), registry + "/hoist-it/absent:" + TestImages.uniqueTag());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().lines().filter(l -> l.startsWith("hoist: "))).singleElement().asString()
                .contains("does not exist in the local Docker engine");

        Result daemonDown = hoist(Map.of("DOCKER_HOST", "unix:///nonexistent/hoist.sock"),
                "push", "--config", config.toString(), registry + "/hoist-it/app:1");
        assertThat(daemonDown.code()).isEqualTo(1);
        assertThat(daemonDown.err().lines().filter(l -> l.startsWith("hoist: "))).singleElement().asString()
                .startsWith("hoist: Cannot reach the Docker daemon at unix:///nonexistent/hoist.sock");

        String image = TestImages.load(engine, "127.0.0.1:1/hoist-it/app", TestImages.uniqueTag(), 1024);
        try {
            Result registryDown = hoist(Map.of(), "push", "--config", config.toString(), "--registry", "down", image);
            assertThat(registryDown.code()).isEqualTo(1);
            assertThat(registryDown.err().lines().filter(l -> l.startsWith("hoist: "))).singleElement().asString()
                    .contains("could not reach the registry").contains("connection refused");
            assertThat(registryDown.err()).doesNotContain("\tat ");
        } finally {
            engine.removeImage(image);
        }
    }

    @Test
    void pushFromADockerArchiveWithoutAnEnginePrintsTheJsonContractAndTheRegistryAgrees() throws Exception {
        String tag = TestImages.uniqueTag();
        Path archive = dev.hoist.testing.TestArchives.legacyArchive(dev.hoist.testing.TestArchives.randomImage(300_000, 200_000),
                "app:1", dir.resolve("app.tar"), false);
        Path config = config("hoist.registries.it { flavor = default, uri = \"" + TestServices.registry() + "/hoist-it\" }\n"
                + "hoist.docker.host = \"unix:///nonexistent/no-engine.sock\"");
        String image = TestServices.registry() + "/hoist-it/from-archive:" + tag;
        Result first = hoist(Map.of("DOCKER_HOST", "unix:///nonexistent/no-engine.sock"), "push", "--config", config.toString(),
                "--registry", "it", "--from", "docker-archive:" + archive, "--json", image);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out().lines()).singleElement().asString()
                .matches("\\{\"image\":\"" + Pattern.quote(image) + "\",\"digest\":\"sha256:[0-9a-f]{64}\","
                        + "\"mediaType\":\"application/vnd\\.docker\\.distribution\\.manifest\\.v2\\+json\",\"size\":[0-9]+,"
                        + "\"transport\":\"registry-api\",\"layers\":\\[(\\{\"digest\":\"sha256:[0-9a-f]{64}\",\"size\":[0-9]+,"
                        + "\"result\":\"(uploaded|exists|mounted)\"\\},?){2}\\],\"bytesUploaded\":[0-9]+,\"durationMs\":[0-9]+,"
                        // Issue 22: the registry (configured name, null for an implicit one) and its flavor, last.
                        + "\"registry\":\"it\",\"flavor\":\"default\"\\}");
        Matcher digest = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"").matcher(first.out());
        assertThat(digest.find()).isTrue();
        assertThat(RegistryHttp.manifestDigest(TestServices.registry(), "hoist-it/from-archive", tag)).isEqualTo(digest.group(1));
        // The same image again: every layer is already there, nothing is uploaded.
        Result again = hoist(Map.of("DOCKER_HOST", "unix:///nonexistent/no-engine.sock"), "push", "--config", config.toString(),
                "--registry", "it", "--from", "docker-archive:" + archive, "--json", image);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("\"result\":\"exists\"").doesNotContain("\"result\":\"uploaded\"")
                .contains("\"bytesUploaded\":0,");
    }

    @Test
    void anUnknownFromTransportIsAUsageErrorAndABrokenArchiveAPushFailure() throws Exception {
        Result unknown = hoist(Map.of(), "push", "--from", "tarball:/tmp/x.tar", TestServices.registry() + "/app:1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().lines()).first().asString().startsWith("hoist: --from: Unknown image source transport 'tarball'");
        Path notATar = Files.writeString(dir.resolve("not.tar"), "not a tar at all");
        Path config = config("hoist.registries.local.uri = \"" + TestServices.registry() + "\"");
        Result broken = hoist(Map.of(), "push", "--config", config.toString(), "--from", "docker-archive:" + notATar,
                TestServices.registry() + "/hoist-it/broken:1");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err().lines().filter(line -> line.startsWith("hoist: "))).singleElement().asString()
                .contains(notATar.toString());
    }
}
