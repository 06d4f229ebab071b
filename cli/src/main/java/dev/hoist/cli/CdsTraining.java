package dev.hoist.cli;

import dev.hoist.image.ImageArchive;
import dev.hoist.distribution.Digests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The build's AppCDS training run: runs the commands that start-up matters most for, with their output discarded,
 * in a JVM started with {@code -XX:ArchiveClassesAtExit}, so that the archive holds the classes they load
 * (picocli, Typesafe Config, Guice, flavor discovery, the reference parser, and for {@code hoist push --from
 * docker-archive:} the credential chain, the archive reader, gzip, HttpClient and Jackson).
 *
 * <p>The push goes to a training registry in this JVM: a loopback {@link HttpServer} on an ephemeral port that
 * answers the distribution API's push requests ({@code /v2/}, blob {@code HEAD}, upload {@code POST}/{@code
 * PATCH}/{@code PUT}, manifest {@code PUT}) and keeps nothing. It is not a registry anyone else can use, and it
 * stops when the training ends. The run reads no docker config or credential helper of the build machine (the
 * build sets {@code DOCKER_CONFIG} to a directory that does not exist) and reaches no engine (a push from {@code docker-daemon:}
 * is tried against the socket {@code DOCKER_HOST} names, which the build makes a path that does not exist); its files live in a temporary
 * directory that is deleted at the end.
 */
final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream(), true);
        String[][] commands = {
            {"flavors"},
            {"flavors", "--json"},
            {"validate", "--flavor", "default", "localhost:5000/team"},
            {"ref", "ubuntu", "localhost:5000/app:1.0"},
            {"ref", "--json", "ghcr.io/acme/app@sha256:" + "0".repeat(64)},
            {"push", "--help"},
            {"--version"},
        };
        for (String[] command : commands) {
            HoistCli.run(command, sink, sink);
        }
        HttpServer registry = trainingRegistry();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hoist-cds-training");
            String host = "127.0.0.1:" + registry.getAddress().getPort();
            Path archive = dockerArchive(dir.resolve("app.tar"));
            Path config = dir.resolve("hoist.conf");
            // connect-timeout: Hoist tries a loopback registry over HTTPS first, as docker does; this plain HTTP
            // server never answers a TLS handshake (a real registry refuses it at once), so each attempt waits
            // for the timeout. 300ms instead of the default 5s keeps the training to seconds.
            Files.writeString(config, "hoist.transport = registry-api\n"
                    + "hoist.default-registry = training\n"
                    + "hoist.registries.training { flavor = default, uri = " + ConfigUtil.quoteString(host + "/training")
                    + " }\n"
                    + "hoist.registry-api.connect-timeout = 300ms\n"
                    + "hoist.registry-api.blob-cache-directory = " + ConfigUtil.quoteString(dir.resolve("cache").toString())
                    + "\n");
            int exit = HoistCli.run(new String[] {"--config", config.toString(), "push", "--progress=plain", "--json",
                "--from", "docker-archive:" + archive, host + "/training/app:1"}, sink, sink);
            if (exit != 0) {
                // Only speed is lost: the archive then lacks the push's classes. Say so in the build log.
                System.err.println("CdsTraining: the training push exited " + exit + "; the archive holds fewer classes");
            }
            // From the engine: the build points DOCKER_HOST at a socket that does not exist, so this builds the
            // engine client (docker-java) and fails to connect, as intended; its exit code is not checked.
            HoistCli.run(new String[] {"--config", config.toString(), "push", "--progress=quiet",
                "--from", "docker-daemon:app:1", host + "/training/app:2"}, sink, sink);
        } finally {
            registry.stop(0);
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                }
            }
        }
    }

    /** A docker save archive (as {@code hoist demo} makes for the engine): one 4 MB layer of pseudo-random bytes. */
    private static Path dockerArchive(Path file) throws IOException {
        return Files.write(file, ImageArchive.randomImage("app:1", 4_000_000, new Random(42)).bytes());
    }

    /** The loopback training registry: answers a push's requests, checks nothing, keeps only manifest digests. */
    private static HttpServer trainingRegistry() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        Map<String, String> manifests = new ConcurrentHashMap<>();
        server.createContext("/v2/", exchange -> {
            try (exchange) {
                try {
                    answer(exchange, manifests);
                } catch (IOException | RuntimeException e) {
                    exchange.sendResponseHeaders(500, -1); // before the exchange closes; fails if headers went out
                }
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, Map<String, String> manifests) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Docker-Distribution-API-Version", "registry/2.0");
        if (path.equals("/v2/")) {
            send(exchange, 200, "{}");
        } else if (path.contains("/blobs/uploads/")) {
            String location = method.equals("POST") ? path + UUID.randomUUID() : path;
            if (method.equals("PUT") && query != null && query.contains("digest=")) {
                String digest = query.substring(query.indexOf("digest=") + 7).replace("%3A", ":");
                headers.set("Location", path.substring(0, path.indexOf("/blobs/uploads/")) + "/blobs/" + digest);
                headers.set("Docker-Content-Digest", digest);
                send(exchange, 201, "");
            } else {
                headers.set("Location", location);
                headers.set("Range", "0-" + Math.max(0, body.length - 1));
                headers.set("Docker-Upload-UUID", location.substring(location.lastIndexOf('/') + 1));
                send(exchange, 202, "");
            }
        } else if (path.contains("/manifests/") && method.equals("PUT")) {
            String digest = Digests.sha256(body);
            manifests.put(path, digest);
            manifests.put(path.substring(0, path.lastIndexOf('/') + 1) + digest, digest);
            headers.set("Docker-Content-Digest", digest);
            headers.set("Location", path);
            send(exchange, 201, "");
        } else if (path.contains("/manifests/") && manifests.containsKey(path)) {
            headers.set("Docker-Content-Digest", manifests.get(path));
            headers.set("Content-Type", exchange.getRequestHeaders().getFirst("Accept") == null
                    ? "application/vnd.docker.distribution.manifest.v2+json"
                    : exchange.getRequestHeaders().getFirst("Accept").split(",")[0].strip());
            send(exchange, 200, "");
        } else {
            send(exchange, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"training registry\"}]}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD") || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
