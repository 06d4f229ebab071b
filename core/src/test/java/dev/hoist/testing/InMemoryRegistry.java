package dev.hoist.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registry in the test's JVM, over plain HTTP on a loopback port, for tests of the registry-API transport that
 * need no test services: it answers {@code /v2/}, blob {@code HEAD}, upload {@code POST} (with cross-repository
 * mounts), {@code PATCH}, {@code PUT ?digest=} (checking the digest), {@code DELETE}, and manifest {@code PUT} and
 * {@code HEAD}; it keeps blobs per repository, manifests per reference, and a log of the requests.
 */
public final class InMemoryRegistry implements AutoCloseable {

    /** A stored manifest: its bytes and the media type it was put with. */
    public record Manifest(byte[] bytes, String mediaType) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> sessions = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean dropManifests;

    private InMemoryRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/v2/", exchange -> {
            try (exchange) {
                try {
                    answer(exchange);
                } catch (IOException | RuntimeException e) {
                    exchange.sendResponseHeaders(500, -1);
                }
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-registry");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** Starts one. */
    /** From now on, answer manifest {@code PUT}s with 201 and store nothing, as a broken registry can. */
    public void dropManifests() {
        dropManifests = true;
    }

    public static InMemoryRegistry start() throws IOException {
        return new InMemoryRegistry();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The manifest under {@code repository:reference}, or {@code null}. */
    public Manifest manifest(String repository, String reference) {
        return manifests.get(repository + ":" + reference);
    }

    /** Whether {@code repository} holds blob {@code digest}. */
    public boolean hasBlob(String repository, String digest) {
        return blobs.containsKey(repository + "@" + digest);
    }

    /** Every request so far, as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        var headers = exchange.getResponseHeaders();
        headers.set("Docker-Distribution-API-Version", "registry/2.0");
        if (path.equals("/v2/")) {
            send(exchange, 200);
            return;
        }
        int uploads = path.indexOf("/blobs/uploads/");
        int blobsAt = path.indexOf("/blobs/");
        int manifestsAt = path.indexOf("/manifests/");
        if (uploads >= 0) {
            String repository = path.substring("/v2/".length(), uploads);
            Map<String, String> params = params(query);
            if (method.equals("POST")) {
                String mount = params.get("mount");
                if (mount != null && blobs.containsKey(params.get("from") + "@" + mount)) {
                    blobs.put(repository + "@" + mount, blobs.get(params.get("from") + "@" + mount));
                    headers.set("Docker-Content-Digest", mount);
                    send(exchange, 201);
                    return;
                }
                String id = UUID.randomUUID().toString();
                sessions.put(id, new ByteArrayOutputStream());
                headers.set("Location", path + id);
                send(exchange, 202);
                return;
            }
            String id = path.substring(uploads + "/blobs/uploads/".length());
            ByteArrayOutputStream session = sessions.get(id);
            if (session == null) {
                send(exchange, 404);
                return;
            }
            if (method.equals("DELETE")) {
                sessions.remove(id);
                send(exchange, 204);
            } else if (method.equals("PATCH")) {
                session.write(body);
                headers.set("Location", path);
                send(exchange, 202);
            } else if (method.equals("PUT")) {
                session.write(body);
                sessions.remove(id);
                String digest = params.get("digest");
                if (!TestArchives.sha256(session.toByteArray()).equals(digest)) {
                    send(exchange, 400);
                    return;
                }
                blobs.put(repository + "@" + digest, session.toByteArray());
                headers.set("Docker-Content-Digest", digest);
                send(exchange, 201);
            } else {
                send(exchange, 405);
            }
        } else if (blobsAt >= 0) {
            String repository = path.substring("/v2/".length(), blobsAt);
            String digest = path.substring(blobsAt + "/blobs/".length());
            send(exchange, blobs.containsKey(repository + "@" + digest) ? 200 : 404);
        } else if (manifestsAt >= 0) {
            String repository = path.substring("/v2/".length(), manifestsAt);
            String reference = path.substring(manifestsAt + "/manifests/".length());
            if (method.equals("PUT")) {
                String digest = TestArchives.sha256(body);
                Manifest manifest = new Manifest(body, exchange.getRequestHeaders().getFirst("Content-Type"));
                if (!dropManifests) {
                    manifests.put(repository + ":" + reference, manifest);
                    manifests.put(repository + ":" + digest, manifest);
                }
                headers.set("Docker-Content-Digest", digest);
                send(exchange, 201);
            } else {
                Manifest manifest = manifests.get(repository + ":" + reference);
                if (manifest == null) {
                    send(exchange, 404);
                    return;
                }
                headers.set("Docker-Content-Digest", TestArchives.sha256(manifest.bytes()));
                headers.set("Content-Type", manifest.mediaType());
                exchange.sendResponseHeaders(200, -1);
            }
        } else {
            send(exchange, 404);
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
