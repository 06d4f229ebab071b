package dev.hoist.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.distribution.Digests;
import dev.hoist.distribution.HttpSettings;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.distribution.RetryPolicy;
import dev.hoist.distribution.TokenCache;
import dev.hoist.spi.HoistException;
import dev.hoist.testing.RawHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Review finding: a config blob whose body is cut (reset, idle timeout) while RegistryReader.config reads it is
 * thrown as a raw UncheckedIOException, which the CLI reports as "hoist: internal error: ...".
 */
class ConfigReadErrorTest {

    @Test
    void aConfigCutWhileReadIsATypedError() throws Exception {
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}";
        String configDigest = Digests.sha256(config.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest + "\",\"size\":" + config.length() + "},\"layers\":[]}";
        try (RawHttpServer server = new RawHttpServer(line -> {
            if (line.startsWith("GET /v2/ ")) {
                return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
            }
            if (line.contains("/manifests/")) {
                return "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.oci.image.manifest.v1+json\r\n"
                        + "Content-Length: " + manifest.length() + "\r\n\r\n" + manifest;
            }
            // The blob's body stops half way: the client waits, then times out reading it.
            return "HTTP/1.1 200 OK\r\nContent-Length: " + config.length() + "\r\n\r\n"
                    + config.substring(0, config.length() / 2);
        })) {
            HttpSettings settings = new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Optional.empty(),
                    4, 1, Duration.ofMillis(1), Duration.ofMillis(5), "hoist.registry-api");
            try (RegistryHttp http = new RegistryHttp(settings, RegistryHost.of(server.host()), Optional.empty(),
                    server.host() + "/team/app:1", new TokenCache(Clock.systemUTC()), Clock.systemUTC(),
                    RetryPolicy.of(settings))) {
                RegistryReader reader = new RegistryReader(http, "team/app", server.host() + "/team/app:1");
                assertThatThrownBy(() -> reader.config("1", Optional.empty())).isInstanceOf(HoistException.class);
            }
        }
    }
}
