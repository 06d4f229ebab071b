package dev.hoist.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A plain distribution registry of the test's own (the Debian {@code docker-registry} binary), on a free loopback
 * port, its config and storage in a directory the test gives: a registry the test may kill and start again, never
 * one of the shared 5000-5003 services. A missing binary skips the test, or fails it when
 * {@code HOIST_REQUIRE_SERVICES=1}.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path dir;
    private final int port;
    private Process process;

    /** Writes the config under {@code dir} and starts the registry, with deletes enabled. */
    public LocalRegistry(Path dir) throws IOException, InterruptedException {
        this(dir, true);
    }

    /**
     * Writes the config under {@code dir} and starts the registry.
     *
     * @param deletes whether {@code storage.delete.enabled} is set: without it distribution answers a manifest
     *        {@code DELETE} with 405 {@code UNSUPPORTED}
     */
    public LocalRegistry(Path dir, boolean deletes) throws IOException, InterruptedException {
        if (Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .noneMatch(p -> Files.isExecutable(Path.of(p, "docker-registry")))) {
            TestServices.skipOrFail("the docker-registry binary (apt-get install docker-registry)");
        }
        this.dir = dir;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("data"),
                "  delete:",
                "    enabled: " + deletes,
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        start();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The storage root: how many bytes it holds now (uploads in progress included). */
    public long storedBytes() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    /** Starts the registry on the same port and storage, and waits until {@code /v2/} answers. */
    public void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").toFile()));
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(dir.resolve("log")));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("docker-registry did not answer on " + address() + " within 30 s");
    }

    /** Kills the registry at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Writes a legacy {@code docker save} archive of {@code layers} layers of {@code layerBytes} random bytes each,
     * streaming (never the whole image in memory), named {@code repoTag}.
     */
    public static Path bigArchive(Path file, int layers, long layerBytes, String repoTag) throws IOException {
        java.util.List<byte[]> configLayers = new java.util.ArrayList<>();
        java.util.Map<String, Path> layerFiles = new java.util.LinkedHashMap<>();
        java.util.List<String> diffIds = new java.util.ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom();
        for (int i = 0; i < layers; i++) {
            Path layer = file.resolveSibling(file.getFileName() + ".layer" + i);
            java.security.MessageDigest sha;
            try {
                sha = java.security.MessageDigest.getInstance("SHA-256");
            } catch (java.security.NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
            try (OutputStream out = new java.security.DigestOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(layer), 1 << 16), sha);
                 org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                         new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
                tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
                org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                        new org.apache.commons.compress.archivers.tar.TarArchiveEntry("big/layer-" + i + ".bin");
                entry.setSize(layerBytes);
                tar.putArchiveEntry(entry);
                byte[] buffer = new byte[1 << 16];
                for (long left = layerBytes; left > 0; left -= buffer.length) {
                    random.nextBytes(buffer);
                    tar.write(buffer, 0, (int) Math.min(buffer.length, left));
                }
                tar.closeArchiveEntry();
                tar.finish();
            }
            diffIds.add("sha256:" + java.util.HexFormat.of().formatHex(sha.digest()));
            layerFiles.put(java.util.HexFormat.of().formatHex(new byte[] {(byte) i}).repeat(32) + "/layer.tar", layer);
        }
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"dev.hoist.test\":\""
                + System.nanoTime() + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + String.join(",", diffIds.stream().map(d -> "\"" + d + "\"").toList()) + "]}}";
        byte[] configBytes = config.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configName = TestArchives.sha256(configBytes).substring(7) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + repoTag + "\"],\"Layers\":["
                + String.join(",", layerFiles.keySet().stream().map(p -> "\"" + p + "\"").toList()) + "]}]";
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                     new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                             new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (java.util.Map.Entry<String, Path> layer : layerFiles.entrySet()) {
                org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                        new org.apache.commons.compress.archivers.tar.TarArchiveEntry(layer.getKey());
                entry.setSize(Files.size(layer.getValue()));
                tar.putArchiveEntry(entry);
                Files.copy(layer.getValue(), tar);
                tar.closeArchiveEntry();
                Files.delete(layer.getValue());
            }
            for (String[] small : new String[][] {{configName, config}, {"manifest.json", manifest}}) {
                byte[] bytes = small[1].getBytes(java.nio.charset.StandardCharsets.UTF_8);
                org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                        new org.apache.commons.compress.archivers.tar.TarArchiveEntry(small[0]);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        configLayers.clear();
        return file;
    }
}
