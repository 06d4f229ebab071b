package dev.hoist.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import dev.hoist.testing.FakeRegistry;
import dev.hoist.testing.FakeRegistry.Reply;
import dev.hoist.testing.FakeRegistry.Seen;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe ({@code hoist auth}) against a registry in the test JVM ({@link FakeRegistry}, HTTPS with a self-signed
 * certificate on loopback): the Bearer token flow with the realm on the same server, and the verdicts. The real
 * registries are in {@link RegistryProbeIntegrationTest}.
 */
class RegistryProbeTest {

    private static final String PASSWORD = "fake-pa55word";
    private static final String IDENTITY_TOKEN = "fake-refresh-token";
    private static final String TOKEN = "fake-bearer-token";
    private static final String READ_ONLY_TOKEN = "fake-read-only-token";

    private final RegistryProbe probe = new RegistryProbe(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Optional.empty(), 4, 1, Duration.ofMillis(10), Duration.ofMillis(10), "hoist.registry-api"));
    private FakeRegistry registry;
    private String host;
    private volatile String realm;

    /** One request as the fake saw it, its form or query decoded. */
    private record Recorded(String method, String path, Map<String, String> params, Optional<String> authorization) {
    }

    private RegistryProbe.Result probe(String host, Optional<RegistryCredentials> credentials, String path) {
        return probe.probe(RegistryHost.of(host), credentials, path, "<root>.registries.<name>.credentials");
    }

    @BeforeEach
    void startFakeRegistry() throws Exception {
        registry = new FakeRegistry(this::answer);
        host = registry.host();
        realm = "https://" + host + "/token";
    }

    @AfterEach
    void stopFakeRegistry() {
        registry.close();
    }

    private Reply answer(Seen request) {
        if (request.path().equals("/token")) {
            return tokenService(recorded(request));
        }
        if (("Bearer " + TOKEN).equals(request.authorization())) {
            return Reply.json(200, "{}");
        }
        return new Reply(401, Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer realm=\""
                + realm + "\",service=\"fake-registry\",scope=\"registry:catalog:*\""),
                "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    }

    private static Reply tokenService(Recorded request) {
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
        return token == null ? Reply.json(401, "{\"details\":\"bad credentials\"}")
                : Reply.json(200, "{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}");
    }

    private static Recorded recorded(Seen seen) {
        String form = seen.method().equals("POST") ? new String(seen.body(), StandardCharsets.UTF_8) : seen.query();
        return new Recorded(seen.method(), seen.path(), decode(form), Optional.ofNullable(seen.authorization()));
    }

    private static Map<String, String> decode(String form) {
        if (form == null || form.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private List<Recorded> requests() {
        return registry.seen().stream().map(RegistryProbeTest::recorded).toList();
    }

    private List<Recorded> tokenRequests() {
        return requests().stream().filter(r -> r.path().equals("/token")).toList();
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
        assertThat(requests().get(requests().size() - 1).authorization()).contains("Bearer " + TOKEN);
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
        registry.answer(request -> Reply.of(404));

        RegistryProbe.Result result = probe(host, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(result.detail()).contains("HTTP 404").contains("is " + host + " a registry?");
    }

    // ---------------------------------------------------------------- TLS: blind trust on loopback only

    @Test
    void loopbackHttpsIsAcceptedWithAnUnknownCertificateButOtherHostsAreVerified() {
        // The fake's certificate is self-signed: only the unverified attempt, allowed on loopback, passes.
        registry.answer(request -> Reply.json(200, "{}"));

        RegistryProbe.Result result = probe(host, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).doesNotContain("plain HTTP");
        // Tests send traffic to loopback only, so the other half is the rule itself: only loopback hosts (or ones
        // marked insecure) get the trusting client; any other host, such as this documentation address, is verified.
        assertThat(RegistryHost.of("192.0.2.1:443").mayBeInsecure()).isFalse();
        assertThat(RegistryHost.of("registry.example.com").mayBeInsecure()).isFalse();
        assertThat(RegistryHost.of("127.0.0.1:5002").mayBeInsecure()).isTrue();
        assertThat(RegistryHost.of("localhost:5002").mayBeInsecure()).isTrue();
    }

    @Test
    void aClosedLoopbackPortIsUnreachableAfterOneRefusal() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        RegistryProbe.Result result = probe("127.0.0.1:" + port, Optional.empty(), "team/app");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        // Plain HTTP first on loopback; a refused connection is not tried again over another scheme.
        assertThat(result.detail()).isEqualTo("Cannot reach the registry 127.0.0.1:" + port + ": over plain HTTP:"
                + " connection refused. Check that it runs and that its host and port are right.");
    }
}
