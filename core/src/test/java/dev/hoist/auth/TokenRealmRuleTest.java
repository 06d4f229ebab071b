package dev.hoist.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where credentials may go for a Bearer challenge's realm: the one rule {@code hoist auth} and the transport share. */
class TokenRealmRuleTest {

    @ParameterizedTest(name = "{0} -> {1}: allowed={2}, otherHost={3}")
    @CsvSource({
        // HTTPS realms get credentials, on the registry's host or another (followed, logged at INFO).
        "ghcr.io,                    https://ghcr.io/token,                 true,  false",
        "registry.example.com:443,   https://registry.example.com/token,    true,  false",
        "registry.example.com,       https://auth.example.com/token,        true,  true",
        "127.0.0.1:5002,             https://auth.example.com/token,        true,  true",
        // Plain HTTP only when both the registry and the realm are loopback.
        "127.0.0.1:5003,             http://127.0.0.1:5004/token,           true,  true",
        "localhost:5000,             http://localhost:5000/token,           true,  false",
        "[::1]:5000,                 http://[::1]:5001/token,               true,  true",
        "registry.example.com,       http://auth.example.com/token,         false, true",
        "registry.example.com,       http://registry.example.com/token,     false, false",
        "registry.example.com,       http://127.0.0.1:5004/token,           false, true",
        "127.0.0.1:5000,             http://auth.example.com/token,         false, true",
        "127.0.0.1:5000,             http://127.0.0.1.example.com/token,    false, true",
        // Not an http(s) URL at all.
        "registry.example.com,       ftp://registry.example.com/token,      false, true",
        "registry.example.com,       /token,                                false, true",
    })
    void decides(String registry, String realm, boolean allowed, boolean otherHost) {
        TokenRealmRule.Verdict verdict = TokenRealmRule.check(registry, URI.create(realm));
        assertThat(verdict.allowed()).isEqualTo(allowed);
        assertThat(verdict.otherHost()).isEqualTo(otherHost);
        assertThat(verdict.reason().isEmpty()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(verdict.reason()).contains(realm);
        }
    }
}
