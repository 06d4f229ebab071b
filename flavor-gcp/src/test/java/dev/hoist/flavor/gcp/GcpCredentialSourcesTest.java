package dev.hoist.flavor.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.spi.CredentialLookupException;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcpCredentialSourcesTest {

    private static final String HOST = "europe-west1-docker.pkg.dev";

    @TempDir
    Path dir;

    private static Optional<RegistryCredentials> first(Map<String, String> environment, String host) {
        Map<String, CredentialSource> sources = new GcpFlavor().credentialSources(HOST, environment);
        assertThat(sources.keySet()).containsExactly("gcp-access-token", "gcp-json-key");
        return sources.values().stream().map(s -> s.lookup(host)).flatMap(Optional::stream).findFirst();
    }

    @Test
    void anAccessTokenComesFirst() throws Exception {
        Path key = Files.writeString(dir.resolve("key.json"), "{\"type\":\"service_account\"}");
        RegistryCredentials credentials = first(Map.of("GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.token",
                "GOOGLE_APPLICATION_CREDENTIALS", key.toString()), HOST).orElseThrow();
        assertThat(credentials.username()).isEqualTo("oauth2accesstoken");
        assertThat(credentials.password().orElseThrow().reveal()).isEqualTo("ya29.token");
    }

    @Test
    void thenTheKeyFileAsJsonKey() throws Exception {
        Path key = Files.writeString(dir.resolve("key.json"), "{\"type\":\"service_account\"}");
        RegistryCredentials credentials = first(Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString()), HOST).orElseThrow();
        assertThat(credentials.username()).isEqualTo("_json_key");
        assertThat(credentials.password().orElseThrow().reveal()).isEqualTo("{\"type\":\"service_account\"}");
        assertThat(credentials.source()).isEqualTo("environment GOOGLE_APPLICATION_CREDENTIALS (" + key + ")");
        assertThat(first(Map.of("GOOGLE_APPLICATION_CREDENTIALS", key.toString()), "gcr.io")).isEmpty();
    }

    @Test
    void anUnreadableKeyFileIsAClearError() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> first(Map.of("GOOGLE_APPLICATION_CREDENTIALS", missing.toString()), HOST))
                .isInstanceOf(CredentialLookupException.class)
                .hasMessageContaining("Cannot read the key file " + missing + " named by GOOGLE_APPLICATION_CREDENTIALS");
    }
}
