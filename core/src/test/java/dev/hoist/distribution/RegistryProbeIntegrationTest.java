package dev.hoist.distribution;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe against the real registries scripts/services.sh starts: anonymous, basic auth, basic auth over TLS. */
class RegistryProbeIntegrationTest {

    private final RegistryProbe probe = new RegistryProbe(dev.hoist.transport.registry.RegistryApiSettings.from(
            com.typesafe.config.ConfigFactory.defaultReference().getConfig("hoist.registry-api")).http());

    private RegistryProbe.Result probe(String host, Optional<RegistryCredentials> credentials, String path) {
        return probe.probe(RegistryHost.of(host), credentials, path, "<root>.registries.<name>.credentials");
    }

    // Per test, not per class: a class-level skip would be reported as zero tests rather than as skips.
    @BeforeEach
    void services() {
        TestServices.requireAuthRegistries();
    }

    private static RegistryCredentials rightCredentials() {
        return RegistryCredentials.basic(TestServices.registryUser(), Secret.of(TestServices.registryPassword()),
                "test credentials");
    }

    private static void assertNoPassword(RegistryProbe.Result result) {
        assertThat(result.detail()).doesNotContain(TestServices.registryPassword());
    }

    @Test
    void theAnonymousRegistryIsOkWithoutCredentials() {
        TestServices.require();

        RegistryProbe.Result result = probe(TestServices.registry(), Optional.empty(), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("without asking for credentials").contains("plain HTTP");
    }

    @Test
    void theAnonymousRegistryDoesNotNeedTheCredentialsGiven() {
        TestServices.require();

        RegistryProbe.Result result = probe(TestServices.registry(), Optional.of(rightCredentials()), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("the credentials from test credentials were not needed");
        assertNoPassword(result);
    }

    @Test
    void theBasicAuthRegistryWithoutCredentialsIsUnauthorizedWithAHint() {
        String host = TestServices.authRegistry();

        RegistryProbe.Result result = probe(host, Optional.empty(), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).contains("the registry wants credentials and none were found")
                .contains("<root>.registries.<name>.credentials").contains("docker login " + host);
    }

    @Test
    void theBasicAuthRegistryAcceptsTheRightCredentials() {
        RegistryProbe.Result result = probe(TestServices.authRegistry(), Optional.of(rightCredentials()),
                "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("accepted the username \"" + TestServices.registryUser() + "\"")
                .contains("test credentials").contains("Basic auth, over plain HTTP");
        assertNoPassword(result);
    }

    @Test
    void theBasicAuthRegistryRejectsAWrongPassword() {
        String wrongPassword = "wrong-" + TestServices.registryPassword();
        RegistryCredentials wrong = RegistryCredentials.basic(TestServices.registryUser(), Secret.of(wrongPassword),
                "docker config /tmp/config.json auths[\"" + TestServices.authRegistry() + "\"]");

        RegistryProbe.Result result = probe(TestServices.authRegistry(), Optional.of(wrong), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).contains("rejected the username \"" + TestServices.registryUser() + "\" and password"
                + " from docker config /tmp/config.json").contains("docker login " + TestServices.authRegistry());
        assertThat(result.detail()).doesNotContain(wrongPassword);
        assertNoPassword(result);
    }

    @Test
    void theTlsRegistryAcceptsTheRightCredentialsOverHttps() {
        RegistryProbe.Result result = probe(TestServices.tlsRegistry(), Optional.of(rightCredentials()),
                "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertThat(result.detail()).contains("Basic auth").doesNotContain("plain HTTP");
        assertNoPassword(result);
    }

    @Test
    void theTlsRegistryRejectsAWrongPassword() {
        RegistryCredentials wrong = RegistryCredentials.basic(TestServices.registryUser(), Secret.of("nope-nope"),
                "test credentials");

        RegistryProbe.Result result = probe(TestServices.tlsRegistry(), Optional.of(wrong), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNAUTHORIZED);
        assertThat(result.detail()).doesNotContain("nope-nope");
        assertNoPassword(result);
    }

    @Test
    void theTlsRegistryUnderTheNameLocalhostIsTrustedToo() {
        String port = TestServices.tlsRegistry().substring(TestServices.tlsRegistry().lastIndexOf(':') + 1);

        RegistryProbe.Result result = probe("localhost:" + port, Optional.of(rightCredentials()), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.OK);
        assertNoPassword(result);
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        RegistryProbe.Result result = probe("127.0.0.1:" + port, Optional.of(rightCredentials()), "hoist-it/probe");

        assertThat(result.status()).isEqualTo(ProbeStatus.UNREACHABLE);
        assertThat(result.detail()).contains("connection refused");
        assertNoPassword(result);
    }
}
