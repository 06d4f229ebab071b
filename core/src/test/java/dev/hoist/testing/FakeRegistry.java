package dev.hoist.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A registry in the test JVM, over HTTPS on loopback, whose answers each test scripts: for fast tests of the registry
 * HTTP layer (challenges, token refresh, {@code Location} rules, error bodies, retries) without services. Its
 * certificate (made once per JVM by the JDK's keytool) names {@code 127.0.0.1}, {@code localhost},
 * {@code registry.test} and {@code registry-1.docker.io}; {@link #caFile()} holds it as PEM, to trust it as a
 * registry's {@code ca-file}. Every request is recorded.
 */
public final class FakeRegistry implements AutoCloseable {

    /** One request as the registry saw it. */
    public record Seen(String method, String path, String query, String host, String authorization, byte[] body) {

        /** {@code METHOD path}. */
        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param headers headers to send
     * @param body the body
     */
    public record Reply(int status, Map<String, String> headers, String body) {

        public static Reply of(int status) {
            return new Reply(status, Map.of(), "");
        }

        public static Reply of(int status, Map<String, String> headers) {
            return new Reply(status, headers, "");
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    private static Path keystore;
    private static Path certificate;

    private final HttpsServer server;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Seen, Reply> answers;

    /** @param answers what to answer each request; replace it with {@link #answer} */
    public FakeRegistry(Function<Seen, Reply> answers) throws Exception {
        this.answers = answers;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context()));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers from now on with {@code answers}. */
    public void answer(Function<Seen, Reply> answers) {
        this.answers = answers;
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    /** Every request so far, in order. */
    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The requests so far as {@code METHOD path} lines. */
    public List<String> lines() {
        return seen().stream().map(Seen::toString).toList();
    }

    /** The PEM of its certificate, to trust as a registry's CA file. */
    public static synchronized Path caFile() throws Exception {
        material();
        return certificate;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Host"),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
        seen.add(request);
        Reply reply;
        try {
            reply = answers.apply(request);
        } catch (RuntimeException broken) {
            reply = Reply.of(599);
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        boolean head = "HEAD".equals(request.method());
        exchange.sendResponseHeaders(reply.status(), head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static SSLContext context() throws Exception {
        material();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The key pair and certificate, made once per JVM with keytool. */
    private static synchronized void material() throws Exception {
        if (keystore != null) {
            return;
        }
        Path dir = Files.createTempDirectory("hoist-fake-registry");
        dir.toFile().deleteOnExit();
        Path store = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=hoist-fake-registry", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost,dns:registry.test,dns:registry-1.docker.io",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            loaded.load(in, "changeit".toCharArray());
        }
        byte[] der = loaded.getCertificate("server").getEncoded();
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
        store.toFile().deleteOnExit();
        pem.toFile().deleteOnExit();
        keystore = store;
        certificate = pem;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
