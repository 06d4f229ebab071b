package dev.hoist.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.api.RegistryNames;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.TestFlavor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One loopback rule, and every user of it gives the same answer: the name layer, the registry
 * ({@code isLocal}, which stacks use) and the credential/probe side ({@code hoist auth}, which
 * trusts any certificate on loopback only).
 */
class LoopbackRuleTest {

    @ParameterizedTest(name = "{0} loopback = {1}")
    @CsvSource({
        "localhost:5000, true",
        "LOCALHOST:5000, true",
        "localhost, true",
        "127.0.0.1:5000, true",
        "127.255.255.254:5000, true",
        "127.1.2.3, true",
        "[::1]:5000, true",
        "[::1], true",
        // A leading zero makes an octet ambiguous (octal to some resolvers, refused by Go's ParseIP): a host name.
        "127.01.0.1:5000, false",
        "127.0.0.01:5000, false",
        "127.1:5000, false",
        "127.0.0.256:5000, false",
        "128.0.0.1:5000, false",
        "localhost.example.com:5000, false",
        "[::2]:5000, false",
        "registry.example.com, false",
    })
    void everyUserSharesTheRule(String host, boolean loopback) {
        ContainerRegistry registry = TestFlavor.registry(new TestFlavor(), "reg", host, (r, t, c) -> "sha256:x");
        assertThat(RegistryNames.isLoopback(host)).as("name layer").isEqualTo(loopback);
        assertThat(registry.isLocal()).as("registry isLocal").isEqualTo(loopback);
        assertThat(registry.isRemote()).as("registry isRemote").isEqualTo(!loopback);
        assertThat(RegistryHosts.isLoopback(host)).as("auth and hoist auth").isEqualTo(loopback);
        assertThat(RegistryHosts.isLoopback("https://" + host + "/v2/")).as("auth, as a URL").isEqualTo(loopback);
    }
}
