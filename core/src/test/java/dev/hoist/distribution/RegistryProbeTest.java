package dev.hoist.distribution;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against a tiny fake registry on loopback: the Bearer token flow with the realm on the same
 * server, and which TLS the probe accepts where. The real registries are in {@link RegistryProbeIntegrationTest}.
 */
class RegistryProbeTest {

    private static final String PASSWORD = "fake-pa55word";
    private static final String IDENTITY_TOKEN = "fake-refresh-token";
    private static final String TOKEN = "fake-bearer-token";
    private static final String READ_ONLY_TOKEN = "fake-read-only-token";

    // The fake server speaks plain HTTP and ignores a TLS hello, so each HTTPS attempt ends at the idle timeout.
    private final RegistryProbe probe = new RegistryProbe(new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1),
            Optional.empty(), 4, 1, Duration.ofMillis(10), Duration.ofMillis(10), "hoist.registry-api"));

    private RegistryProbe.Result probe(String host, Optional<RegistryCredentials> credentials, String path) {
        return probe.probe(RegistryHost.of(host), credentials, path, "<root>.registries.<name>.credentials");
    }
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String host;
    private volatile String realm;

    private record Recorded(String method, String path, Map<String, String> params, Optional<String> authorization) {
    }

    @BeforeEach
    void startFakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        realm = "http://" + host + "/token";
        server.createContext("/v2/", this::registry);
        server.createContext("/token", this::tokenService);
        server.start();
    }

    @AfterEach
    void stopFakeRegistry() {
        server.stop(0);
    }

    private void registry(HttpExchange exchange) throws IOException {
        Recorded request = record(exchange);
        if (request.authorization().equals(Optional.of("Bearer " + TOKEN))) {
            respond(exchange, 200, "{}");
            return;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate",
                "Bearer realm=\"" + realm + "\",service=\"fake-registry\",scope=\"registry:catalog:*\"");
        respond(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    }

    private void tokenService(HttpExchange exchange) throws IOException {
        Recorded request = record(exchange);
        String token = null;
        if (request.method().equals("POST")) {
            if ("refresh_token".equals(request.params().get("grant_type"))
                    && IDENTITY_TOKEN.equals(request.params().get("refresh_token"))) {
                token = TOKEN;
            }
        } else if (request.authorization().equals(Optional.of(basic("alice", PASSWORD)))) {
            token = TOKEN;
        } else if (request.authorization().equals(Optional.of(basic("reader", PASSWORD)))) {
            token = READ_ONLY_TOKEN;
        }
        if (token == null) {
            respond(exchange, 401, "{\"details\":\"bad credentials\"}");
        } else {
            respond(exchange, 200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
        }
    }

    private Recorded record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String form = exchange.getRequestMethod().equals("POST") ? body : exchange.getRequestURI().getRawQuery();
        Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), decode(form),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
        requests.add(request);
        return request;
    }

    private static Map<String, String> decode(String form) {
        if (form == null || form.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private List<Recorded> tokenRequests() {
        return requests.stream().filter(r -> r.path().equals("/token")).toList();
    }

    private static void assertNoSecrets(RegistryProbe.Result result) {
        assertThat(result.detail()).doesNotContain(PASSWORD).doesNotContain(IDENTITY_TOKEN).doesNotContain(TOKEN)
                .doesNotContain(READ_ONLY_TOKEN).doesNotContain(Base64.getEncoder().encodeToString(
                        ("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------- the Bearer flow

    @Test
    void aBearerChallengeIsAnsweredWithATokenForPushScope() {
        RegistryCredentials alice = RegistryCredentials.basic("alice", Secret.of(PASSWORD), "test config");

        RegistryProbe.Result result = probe(host, Optional.of(alice), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("alice").contains("test config").contains("repository:team/app:push,pull");
        assertNoSecrets(result);
        assertThat(tokenRequests()).singleElement().satisfies(tokenRequest -> {
            assertThat(tokenRequest.method()).isEqualTo("GET");
            assertThat(tokenRequest.params()).containsEntry("scope", "repository:team/app:push,pull")
                    .containsEntry("service", "fake-registry");
            assertThat(tokenRequest.authorization()).contains(basic("alice", PASSWORD));
        });
        assertThat(requests.get(requests.size() - 1).authorization()).contains("Bearer " + TOKEN);
    }

    @Test
    void aWrongPasswordIsRejectedByTheTokenService() {
        RegistryCredentials wrong = RegistryCredentials.basic("alice", Secret.of("not-" + PASSWORD), "test config");

        RegistryProbe.Result result = probe(host, Optional.of(wrong), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).contains("rejected the username \"alice\" and password from test config")
                .contains("docker login " + host);
        assertNoSecrets(result);
    }

    @Test
    void anIdentityTokenIsExchangedWithTheRefreshTokenGrant() {
        RegistryCredentials token = RegistryCredentials.identityToken(Secret.of(IDENTITY_TOKEN), "docker config x");

        RegistryProbe.Result result = probe(host, Optional.of(token), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("identity token from docker config x");
        assertNoSecrets(result);
        assertThat(tokenRequests()).singleElement().satisfies(tokenRequest -> {
            assertThat(tokenRequest.method()).isEqualTo("POST");
            assertThat(tokenRequest.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "grant_type", "refresh_token", "refresh_token", IDENTITY_TOKEN, "service", "fake-registry",
                    "scope", "repository:team/app:push,pull", "client_id", "hoist"));
            assertThat(tokenRequest.authorization()).isEmpty();
        });
    }

    @Test
    void aTokenTheRegistryRefusesIsUnauthorized() {
        RegistryCredentials reader = RegistryCredentials.basic("reader", Secret.of(PASSWORD), "test config");

        RegistryProbe.Result result = probe(host, Optional.of(reader), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).contains("refused the token").contains("may push to " + host + "/team/app");
        assertNoSecrets(result);
    }

    @Test
    void withoutCredentialsTheHintSaysWhereToPutThem() {
        RegistryProbe.Result result = probe(host, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).isEqualTo(host + ": the registry wants credentials and none were found: configure"
                + " <root>.registries.<name>.credentials or run docker login " + host + ".");
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void credentialsAreNotSentToAPlainHttpRealmOffLoopback() {
        realm = "http://auth.example.invalid/token";
        RegistryCredentials alice = RegistryCredentials.basic("alice", Secret.of(PASSWORD), "test config");

        RegistryProbe.Result result = probe(host, Optional.of(alice), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).contains("is plain HTTP").contains("does not send the credentials");
        assertNoSecrets(result);
    }

    @Test
    void aServerThatIsNoRegistryIsReportedAsSuch() {
        server.removeContext("/v2/");
        server.createContext("/v2/", exchange -> respond(exchange, 404, "not here"));

        RegistryProbe.Result result = probe(host, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(result.detail()).contains("HTTP 404").contains("is " + host + " a registry?");
    }

    // ---------------------------------------------------------------- TLS: blind trust on loopback only

    @Test
    void loopbackHttpsIsAcceptedWithAnyCertificateAndNameButOtherHostsAreVerified(@TempDir Path dir) throws Exception {
        // The certificate names another address, so both an unknown issuer and a wrong name are in play.
        SSLContext tls = selfSignedServerContext(dir, "192.0.2.1");

        HttpsServer onLoopback = httpsServer(InetAddress.getLoopbackAddress(), tls);
        try {
            RegistryProbe.Result result = probe("127.0.0.1:" + onLoopback.getAddress().getPort(),
                    Optional.empty(), "team/app");
            assertThat(result.status()).isEqualTo(ProbeStatus.OK);
            assertThat(result.detail()).doesNotContain("plain HTTP");
        } finally {
            onLoopback.stop(0);
        }

        // Tests send traffic to loopback only, so the other half is the rule itself: only loopback hosts
        // get the trusting client; any other host, such as this documentation address, is verified.
        assertThat(RegistryHost.of("192.0.2.1:443").mayBeInsecure()).isFalse();
        assertThat(RegistryHost.of("registry.example.com").mayBeInsecure()).isFalse();
        assertThat(RegistryHost.of("127.0.0.1:5002").mayBeInsecure()).isTrue();
        assertThat(RegistryHost.of("localhost:5002").mayBeInsecure()).isTrue();
    }

    @Test
    void aClosedLoopbackPortIsUnreachableWithoutTryingPlainHttp() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        RegistryProbe.Result result = probe("127.0.0.1:" + port, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(result.detail()).isEqualTo("Cannot reach the registry 127.0.0.1:" + port + ": over HTTPS: connection"
                + " refused. Check that it runs and that its host and port are right.");
    }

    private static HttpsServer httpsServer(InetAddress address, SSLContext tls) throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(address, 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/v2/", exchange -> respond(exchange, 200, "{}"));
        https.start();
        return https;
    }

    /** A server certificate from the JDK's keytool, valid for {@code ip} only. */
    private static SSLContext selfSignedServerContext(Path dir, String ip) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=hoist-test", "-ext", "SAN=ip:" + ip, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

}
