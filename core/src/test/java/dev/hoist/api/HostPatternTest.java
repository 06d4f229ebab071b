package dev.hoist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 22: the three forms of a host claim, matched against canonical hosts. */
class HostPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "ghcr.io,                  ghcr.io,                        true",
            "ghcr.io,                  GHCR.IO,                        true",
            "GHCR.io,                  ghcr.io,                        true",
            "ghcr.io,                  ghcr.io:443,                    false",
            "ghcr.io,                  ghcr.io.example.com,            false",
            "ghcr.io,                  xghcr.io,                       false",
            "registry.example.com:5050, registry.example.com:5050,    true",
            "registry.example.com:5050, registry.example.com,         false",
            "registry.example.com:5050, registry.example.com:5051,    false",
            "docker.io,                index.docker.io,                true",
            "docker.io,                registry-1.docker.io,           true",
            "docker.io,                Registry.Hub.Docker.com,        true",
            "docker.io,                docker.io:443,                  false",
            "[::1]:5000,               [::1]:5000,                     true",
            "[::1]:5000,               [::1]:5001,                     false",
            "127.0.0.1:5000,           127.0.0.1:5000,                 true",
            "*.azurecr.io,             myregistry.azurecr.io,          true",
            "*.azurecr.io,             MyRegistry.AzureCR.IO,          true",
            "*.azurecr.io,             azurecr.io,                     false",
            "*.azurecr.io,             a.b.azurecr.io,                 false",
            "*.azurecr.io,             myregistry.azurecr.io:443,      false",
            "*.azurecr.io,             -bad.azurecr.io,                false",
            "*.azurecr.io,             myregistry.azurecr.io.evil.com, false",
            "*-docker.pkg.dev,         europe-west1-docker.pkg.dev,    true",
            "*-docker.pkg.dev,         us-docker.pkg.dev,              true",
            "*-docker.pkg.dev,         docker.pkg.dev,                 false",
            "*-docker.pkg.dev,         a.us-docker.pkg.dev,            false",
            "*-docker.pkg.dev,         us-docker.pkg.dev:443,          false",
            "*.gcr.io,                 gcr.io,                         false",
            "*.gcr.io,                 [::1]:5000,                     false",
    })
    void matches(String pattern, String host, boolean matches) {
        assertThat(HostPattern.parse(pattern).matches(host)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "*.io", "*io.example", "*.azurecr.io:443", "**.example.com", "https://ghcr.io",
            "ghcr.io/owner", "-bad.example", "bad-.example", "host:", "host:abc", "host:123456", "[::1", "[]:5000",
            "a..b", "ghcr.io ", "*.-x.example", "*-.example.com"})
    void refusesWhatIsNoPattern(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + (pattern.isEmpty() ? "" : pattern));
    }

    @ParameterizedTest
    @CsvSource({"GHCR.io, ghcr.io", "index.docker.io, docker.io", "registry-1.docker.io, docker.io",
            "[::1]:5000, [::1]:5000", "Example.COM:5000, example.com:5000"})
    void canonicalHost(String host, String canonical) {
        assertThat(RegistryNames.canonicalHost(host)).isEqualTo(canonical);
    }
}
