package dev.hoist.cli;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.copy.CopyResult;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSource;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.PushEvent;
import dev.hoist.push.PushListener;
import dev.hoist.push.PushResult;
import dev.hoist.push.RecordingListener;
import dev.hoist.push.RegistryException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.ImageDescription;
import dev.hoist.registry.ManifestSummary;
import dev.hoist.testing.RegistryApiServices;
import dev.hoist.testing.TestArchives;
import dev.hoist.testing.TestImages;
import dev.hoist.testing.TestServices;
import dev.hoist.push.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side and copies through the Java API ({@link Hoist}, {@link ContainerRegistry},
 * {@link dev.hoist.copy.ImageCopier}) against the real registries, skopeo as the independent reader.
 */
class ReadSideApiIT {

    @TempDir
    Path dir;

    private Hoist hoist;

    @BeforeEach
    void open() {
        RegistryApiServices.requireAll();
        String credentials = "credentials { username = \"" + TestServices.registryUser() + "\", password = \""
                + TestServices.registryPassword() + "\" }";
        hoist = Hoist.builder().classLoader(getClass().getClassLoader()).config(ConfigFactory.parseString(
                String.join("\n",
                        "hoist.registries.local.uri = \"" + TestServices.registry() + "\"",
                        "hoist.registries.basic { flavor = default, uri = \"" + TestServices.authRegistry() + "\", "
                                + credentials + " }",
                        "hoist.registries.basic-team { flavor = default, uri = \"" + TestServices.authRegistry()
                                + "/team\", " + credentials + " }",
                        "hoist.registries.token { flavor = default, uri = \"" + RegistryApiServices.tokenRegistry()
                                + "\", " + credentials + " }"))
                .withFallback(ConfigFactory.load(getClass().getClassLoader()))).build();
    }

    @AfterEach
    void close() {
        hoist.close();
    }

    private PushResult pushed(String registry, String reference) throws Exception {
        Path archive = TestArchives.legacyArchive(TestArchives.randomImage(5000, 90_000), "x:1",
                dir.resolve(TestImages.uniqueTag() + ".tar"), false);
        return hoist.registry(registry).push(ImageSource.dockerArchive(archive), reference);
    }

    @Test
    void theOwningRegistryIsTheMostSpecificAndEachReadAgreesWithSkopeo() throws Exception {
        String reference = TestServices.authRegistry() + "/team/app:" + TestImages.uniqueTag();
        assertThat(hoist.registries().owning(reference).name()).isEqualTo("basic-team");
        assertThat(hoist.registries().owning(TestServices.authRegistry() + "/other/app:1").name()).isEqualTo("basic");
        assertThatThrownBy(() -> hoist.registries().owning("127.0.0.1:5999/x:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN));

        PushResult pushed = pushed("basic-team", reference);
        ContainerRegistry registry = hoist.registries().owning(reference);
        ManifestSummary digest = registry.digest(reference, Optional.empty());
        assertThat(digest.digest()).isEqualTo(pushed.digest())
                .isEqualTo(TestArchives.sha256(RegistryApiServices.skopeoRaw(reference, true)));
        assertThat(digest.size()).isEqualTo(pushed.size());
        assertThat(registry.manifest(reference, Optional.empty()).bytes())
                .isEqualTo(RegistryApiServices.skopeoRaw(reference, true));
        ImageDescription described = registry.inspect(reference + "@" + pushed.digest(), Optional.empty());
        assertThat(described.layers()).extracting(ImageDescription.Layer::digest)
                .containsExactlyElementsOf(pushed.layers().stream().map(PushResult.LayerResult::digest).toList());
        assertThat(TestArchives.sha256(registry.config(reference, Optional.empty())))
                .isEqualTo(described.config().orElseThrow());
        String repository = reference.substring(0, reference.lastIndexOf(':'));
        assertThat(registry.tags(repository)).contains(reference.substring(reference.lastIndexOf(':') + 1));

        // A single image answers --platform for the platform its config names, and only that one.
        assertThat(registry.digest(reference, Optional.of(Platform.parse("linux/amd64"))).digest())
                .isEqualTo(pushed.digest());
        assertThatThrownBy(() -> registry.digest(reference, Optional.of(Platform.parse("linux/arm64"))))
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND))
                .hasMessageContaining("is a single image for linux/amd64, not an index of platforms, and has no"
                        + " manifest for platform linux/arm64");
        assertThatThrownBy(() -> hoist.registry("local").digest(reference, Optional.empty()))
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN));

        assertThat(registry.delete(reference).digest()).isEqualTo(pushed.digest());
        assertThatThrownBy(() -> registry.digest(reference, Optional.empty()))
                .satisfies(kindAndReason(ErrorKind.REGISTRY, RegistryException.Reason.NOT_FOUND));
    }

    @Test
    void aCopyAcrossRegistriesReportsProgressAndKeepsTheDigest() throws Exception {
        String source = TestServices.authRegistry() + "/team/copy-src:" + TestImages.uniqueTag();
        PushResult pushed = pushed("basic-team", source);
        String destination = RegistryApiServices.tokenRegistry() + "/copies/app:" + TestImages.uniqueTag();
        RecordingListener listener = new RecordingListener();
        CopyResult copied = hoist.copier(Optional.empty(), Optional.empty()).copy(ImageSource.registry(source),
                ImageDestination.registry(destination), List.of(), listener);
        assertThat(copied.digest()).isEqualTo(pushed.digest())
                .isEqualTo(TestArchives.sha256(RegistryApiServices.skopeoRaw(destination, true)));
        assertThat(copied.blobs()).hasSize(3).extracting(CopyResult.Blob::result).containsOnly("copied");
        assertThat(copied.bytesCopied()).isEqualTo(copied.blobs().stream().mapToLong(CopyResult.Blob::size).sum());
        assertThat(listener.events).first().isInstanceOf(PushEvent.PushStarted.class);
        assertThat(listener.events).last().isInstanceOf(PushEvent.PushDone.class);
        assertThat(listener.events).filteredOn(e -> e instanceof PushEvent.LayerDone).hasSize(3);

        CopyResult again = hoist.copier(Optional.empty(), Optional.empty()).copy(ImageSource.registry(source),
                ImageDestination.registry(destination), List.of(), PushListener.NONE);
        assertThat(again.alreadyThere()).isTrue();
        assertThat(again.bytesCopied()).isZero();
    }
}
