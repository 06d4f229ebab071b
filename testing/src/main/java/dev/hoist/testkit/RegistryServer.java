package dev.hoist.testkit;

import dev.hoist.push.ImageSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry for a flavor's tests: the distribution registry ({@code docker-registry}, Debian's package of
 * it, on the {@code PATH}) started on a free loopback port with its storage in a temporary directory, plain HTTP,
 * no authentication, and stopped after the test class. Its URIs are {@code 127.0.0.1:<port>/<path>}, so the
 * registry under test must be of a flavor whose URI rules take such a URI (or that has a setting for tests that
 * lets them). Register it as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RegistryServer REGISTRY = new RegistryServer();
 *
 * @Test
 * void pushes(@TempDir Path tempDir) throws Exception {
 *     try (Hoist hoist = TestHoist.with("hoist.registries.it { flavor = mine, uri = \"" + REGISTRY.uri("team") + "\" }")) {
 *         hoist.registry("it").push(REGISTRY.smallImage(tempDir), REGISTRY.uri("team") + "/app:1");
 *     }
 *     assertThat(REGISTRY.hasManifest("team/app", "1")).isTrue();
 * }
 * }</pre>
 *
 * <p>Without {@code docker-registry} on the {@code PATH} the test class is skipped (aborted), not failed, unless
 * {@code HOIST_REQUIRE_SERVICES=1} is set, which makes it fail. With the
 * environment variable {@code HOIST_TEST_REGISTRY=host:port} set, no registry is started: that one is used (a CI
 * service container, say), and it is not stopped.
 */
public final class RegistryServer implements BeforeAllCallback, AfterAllCallback {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private String address;
    private Path dir;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /**
     * Starts the registry, unless {@code HOIST_TEST_REGISTRY} names one; the extension calls it before the test class.
     *
     * @throws org.opentest4j.TestAbortedException when {@code docker-registry} is not on the {@code PATH}
     * @throws IllegalStateException when it is missing and {@code HOIST_REQUIRE_SERVICES=1}, or does not answer
     *         within 30 s
     * @throws IOException when its directory or config cannot be written, or it cannot be started
     * @throws InterruptedException when interrupted while waiting for it to answer
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (address != null) {
            return;
        }
        String given = System.getenv("HOIST_TEST_REGISTRY");
        if (given != null && !given.isBlank()) {
            address = given.strip();
            return;
        }
        boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "docker-registry")));
        String missing = "RegistryServer needs the docker-registry binary on the PATH (apt-get install"
                + " docker-registry), or HOIST_TEST_REGISTRY=host:port naming a registry to use";
        if (!found && "1".equals(System.getenv("HOIST_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(missing + " (HOIST_REQUIRE_SERVICES=1: a missing service fails)");
        }
        Assumptions.assumeTrue(found, missing);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        dir = Files.createTempDirectory("hoist-registry-server");
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        process = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        address = "127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (status("GET", "/v2/") == 200) {
                return;
            }
            if (!process.isAlive()) {
                String log = Files.readString(dir.resolve("log"));
                address = null;
                throw new IllegalStateException("docker-registry exited: " + log);
            }
            Thread.sleep(100);
        }
        stop();
        throw new IllegalStateException("docker-registry did not answer on 127.0.0.1:" + port + " within 30 s");
    }

    /**
     * Stops the registry this started, if any; the extension calls it after the test class.
     *
     * @throws InterruptedException when interrupted while waiting for it to exit
     */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
        address = null;
    }

    /**
     * Where the registry listens.
     *
     * @return {@code host:port}, such as {@code 127.0.0.1:41234}
     */
    public synchronized String address() {
        if (address == null) {
            throw new IllegalStateException("The registry is not started: register RegistryServer with"
                    + " @RegisterExtension on a static field, or call start()");
        }
        return address;
    }

    /**
     * A registry URI on this registry.
     *
     * @param path the path below the host, such as {@code team}; empty for the host alone
     * @return {@code host:port/path}
     */
    public String uri(String path) {
        return path.isEmpty() ? address() : address() + "/" + path;
    }

    /**
     * Whether the registry holds a manifest for {@code repository} at {@code reference}.
     *
     * @param repository the repository below the host, such as {@code team/app}
     * @param reference a tag or a digest
     * @return true when {@code HEAD /v2/<repository>/manifests/<reference>} answers 200
     * @throws IOException when the registry cannot be asked
     * @throws InterruptedException when interrupted while asking
     */
    public boolean hasManifest(String repository, String reference) throws IOException, InterruptedException {
        return status("HEAD", "/v2/" + repository + "/manifests/" + reference) == 200;
    }

    /**
     * Writes a small image, one layer holding one file, as an OCI layout in {@code directory}, to push in a test.
     *
     * @param directory an empty or missing directory
     * @return the layout as an image source, for {@code ContainerRegistry.push(source, target)}
     * @throws IOException when the layout cannot be written
     */
    public ImageSource smallImage(Path directory) throws IOException {
        byte[] layer = layerTar("hello.txt", "Hello from a flavor's test\n");
        String layerDigest = write(directory, layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = write(directory, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        String manifestDigest = write(directory, manifest);
        Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(directory.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                + manifest.length + "}]}");
        return ImageSource.ociLayout(directory, Optional.empty());
    }

    private int status(String method, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/vnd.oci.image.manifest.v1+json,"
                            + " application/vnd.docker.distribution.manifest.v2+json")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

    private static byte[] layerTar(String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
            tar.finish();
        }
        return out.toByteArray();
    }

    /** Writes a blob into the layout and returns its digest. */
    private static String write(Path layout, byte[] blob) throws IOException {
        String hex;
        try {
            hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Files.write(blobs.resolve(hex), blob);
        return "sha256:" + hex;
    }
}
