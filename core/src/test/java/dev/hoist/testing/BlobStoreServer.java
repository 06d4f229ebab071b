package dev.hoist.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the storage a registry redirects blob downloads to (S3, a CDN): a plain-HTTP server on a free port
 * of 127.0.0.1, another origin than the registry, that serves {@code GET} and {@code HEAD} of
 * {@code /v2/<name>/blobs/<digest>} (any query, as in a signed URL, is ignored) by fetching the blob from the upstream
 * registry, with the credentials the test gave it, if any. Pair it with {@link FaultProxy.RedirectTo} on the
 * registry's side.
 *
 * <p>It records every request with all its headers ({@link #requests()}), so a test can assert that no
 * {@code Authorization} header (the registry's credentials) reached it. A request is recorded before its answer
 * leaves. {@code Range: bytes=a-b} is honoured (206). {@link #redirectToSelf(int)} makes the next N requests answer
 * 307 to the very same URL: a redirect loop, for a client's loop guard.
 *
 * <p>An upstream's non-200 answer (404 for an unknown blob, 401 without credentials) is relayed with its status and
 * body. Other paths are answered 404, other methods 405.
 */
public final class BlobStoreServer implements AutoCloseable {

    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([A-Za-z0-9_+.-]+:[A-Za-z0-9=_-]+)$");

    /**
     * One request as this server saw it.
     *
     * @param method the method
     * @param target the path and query as sent
     * @param headers every header, by name as the JDK server spells it; look names up with {@link #header(String)}
     */
    public record Request(String method, String target, Map<String, List<String>> headers) {

        /** The first value of header {@code name} (any case). */
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** Whether it carried header {@code name} (any case). */
        public boolean has(String name) {
            return header(name).isPresent();
        }
    }

    private final String upstream;
    private final Optional<String> authorization;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "blob-store-server");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger selfRedirects = new AtomicInteger();

    /**
     * Starts a server on a free loopback port that fetches blobs anonymously.
     *
     * @param upstream the registry's {@code host:port} (plain HTTP)
     */
    public BlobStoreServer(String upstream) throws IOException {
        this(upstream, Optional.empty());
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param upstream the registry's {@code host:port} (plain HTTP)
     * @param authorization the {@code Authorization} value it sends the upstream ({@link #basic(String, String)}, or
     *        a {@code Bearer} token), or empty for none
     */
    public BlobStoreServer(String upstream, Optional<String> authorization) throws IOException {
        this.upstream = upstream;
        this.authorization = authorization;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    /** A {@code Basic} authorization value for {@code user} and {@code password}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code 127.0.0.1:<port>}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL for {@link FaultProxy.RedirectTo}. */
    public String baseUrl() {
        return "http://" + address();
    }

    /**
     * The next {@code times} blob requests are answered {@code 307} with {@code Location} the URL they asked for
     * (absolute, query kept); 0 ends it. A client that follows them without a limit never gets the blob.
     */
    public void redirectToSelf(int times) {
        selfRedirects.set(times);
    }

    /** Every request so far, in order of arrival. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Forgets the requests seen and ends any redirect loop. */
    public void reset() {
        requests.clear();
        selfRedirects.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            requests.add(new Request(method, target, Collections.unmodifiableMap(headers)));
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                send(exchange, 405, new byte[0], head);
                return;
            }
            Matcher blob = BLOB.matcher(uri.getRawPath());
            if (!blob.matches()) {
                send(exchange, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"not a blob path\"}]}"
                        .getBytes(StandardCharsets.UTF_8), head);
                return;
            }
            if (selfRedirects.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Location", baseUrl() + target);
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + upstream + uri.getRawPath()))
                    .timeout(Duration.ofMinutes(2)).GET();
            authorization.ifPresent(value -> request.header("Authorization", value));
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 503, new byte[0], head);
                return;
            }
            if (response.statusCode() != 200) {
                response.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
                send(exchange, response.statusCode(), response.body(), head);
                return;
            }
            byte[] bytes = response.body();
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            Optional<long[]> range = range(exchange.getRequestHeaders().getFirst("Range"), bytes.length);
            if (range.isPresent()) {
                int from = (int) range.get()[0];
                int to = (int) range.get()[1];
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
                byte[] part = new byte[to - from + 1];
                System.arraycopy(bytes, from, part, 0, part.length);
                send(exchange, 206, part, head);
                return;
            }
            send(exchange, 200, bytes, head);
        }
    }

    /** {@code bytes=a-b}, {@code bytes=a-} within {@code length}: {from, to} inclusive; empty for none or another. */
    private static Optional<long[]> range(String header, long length) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("^bytes=(\\d+)-(\\d*)$").matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long from = Long.parseLong(m.group(1));
        long to = m.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(m.group(2)), length - 1);
        return from <= to ? Optional.of(new long[] {from, to}) : Optional.empty();
    }

    private static void send(HttpExchange exchange, int status, byte[] body, boolean head) throws IOException {
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
