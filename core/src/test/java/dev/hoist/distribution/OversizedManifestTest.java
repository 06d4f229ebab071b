package dev.hoist.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.spi.HoistException;
import dev.hoist.testing.FakeRegistry;
import dev.hoist.testing.FakeRegistry.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review finding: Connections reads every non-streamed body with readNBytes(MAX_BODY) and never says it cut it.
 * A manifest GET by tag whose answer has no Docker-Content-Digest (ECR, the resolve fallback) and is larger than
 * 4 MiB yields the digest of its first 4 MiB, silently: `hoist digest` prints a wrong digest, a copy pushes
 * truncated JSON.
 */
class OversizedManifestTest {

    @Test
    void aManifestLargerThanTheBodyLimitIsRefusedNotTruncated() throws Exception {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":2},\"layers\":[],"
                + "\"annotations\":{\"x\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}}";
        String real = Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        try (FakeRegistry registry = new FakeRegistry(request -> request.method().equals("HEAD")
                ? Reply.of(200, Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"))
                : new Reply(200, Map.of("Content-Type", "application/vnd.oci.image.manifest.v1+json"), manifest))) {
            HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Optional.empty(),
                    4, 1, Duration.ofMillis(1), Duration.ofMillis(5), "hoist.registry-api");
            try (RegistryHttp http = new RegistryHttp(settings, new RegistryHost(registry.host(),
                    Optional.of(FakeRegistry.caFile()), false), Optional.empty(), registry.host() + "/team/app")) {
                // Never the digest of a prefix: a typed refusal naming the limit.
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Manifests(http).resolve("team/app", "1"))
                        .isInstanceOf(dev.hoist.push.RegistryException.class)
                        .hasMessageContaining("with more than 4194304 bytes")
                        .hasMessageNotContaining(real);
            }
        }
    }
}
