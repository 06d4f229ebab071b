package dev.hoist.transport.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.distribution.Digests;
import dev.hoist.push.PushProgress;
import dev.hoist.testing.FakeRegistry;
import dev.hoist.testing.FakeRegistry.Reply;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.ImageCopy;
import dev.hoist.transport.source.ImageSourceOpener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review finding: issue 21 says "Before anything else, HEAD both ends: when the destination tag already has the
 * source's digest, nothing is copied", and explains why (Docker Hub counts manifest GETs against the pull limit, not
 * HEADs). ImageCopy.copy starts with source.root(), a manifest GET, so every unchanged re-copy costs a pull.
 */
class UnchangedCopyPullsTest {

    @TempDir
    Path dir;

    @Test
    void anUnchangedReCopyReadsTheSourceByHeadOnly() throws Exception {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":2},\"layers\":[]}";
        String digest = Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8));
        Map<String, String> head = Map.of("Docker-Content-Digest", digest, "Content-Type",
                "application/vnd.oci.image.manifest.v1+json", "Content-Length", String.valueOf(manifest.length()));
        try (FakeRegistry registry = new FakeRegistry(request -> !request.path().contains("/manifests/")
                ? Reply.of(200) : request.method().equals("HEAD") ? Reply.of(200, head)
                : new Reply(200, head, manifest));
             RegistryApiTransport transport = new RegistryApiTransport(new RegistryApiSettings(2, 1,
                     Optional.of(dir.resolve("cache")), 1024 * 1024, Duration.ofSeconds(2), Duration.ofSeconds(2),
                     Optional.empty(), 1, Duration.ofMillis(10), Duration.ofMillis(10)),
                     ImageSourceOpener.withoutEngine())) {
            Optional<Path> ca = Optional.of(FakeRegistry.caFile());
            try (CopySource in = transport.copySource(new RegistryTarget(registry.host(), "src/app", "1", ca, false),
                    Optional.empty());
                 CopyDestination out = transport.copyDestination(new RegistryTarget(registry.host(), "dst/app", "1",
                         ca, false), Optional.empty(), "docker://src/app:1")) {
                ImageCopy.Outcome outcome = new ImageCopy(transport.uploads(), PushProgress.none())
                        .copy(in, out, List.of());
                assertThat(outcome.alreadyThere()).isTrue();
            }
            assertThat(registry.lines()).filteredOn(line -> line.contains("/manifests/"))
                    .as("an unchanged re-copy: HEAD both ends, no GET (a Docker Hub pull)")
                    .containsExactlyInAnyOrder("HEAD /v2/dst/app/manifests/1", "HEAD /v2/src/app/manifests/1");
        }
    }
}
