package dev.hoist.registry;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.push.ImagePusher;

import dev.hoist.spi.StackComponentType;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.api.ReferencePart;
import dev.hoist.testing.TestFlavor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerRegistryTest {

    private final List<String> pushed = new ArrayList<>();
    private final TestFlavor flavor = new TestFlavor();
    private final ImagePusher pusher = (repository, tag, credentials) -> {
        pushed.add(repository + ":" + tag);
        return "sha256:" + "ab".repeat(32);
    };

    private ContainerRegistry registry(String uri) {
        return TestFlavor.registry(flavor, "reg", uri, pusher);
    }

    @Test
    void exposesNameFlavorTypeAndUriWithoutTrailingSlashes() {
        ContainerRegistry registry = registry("localhost:5000//");
        assertThat(registry.uri()).isEqualTo("localhost:5000");
        assertThat(registry.name()).isEqualTo("reg");
        assertThat(registry.flavor()).isEqualTo("test");
        assertThat(registry.type()).isEqualTo(StackComponentType.CONTAINER_REGISTRY);
        assertThat(registry.toString()).isEqualTo("ContainerRegistry[name=reg, flavor=test, uri=localhost:5000]");
    }

    @ParameterizedTest(name = "isLocal({0}) = {1}")
    @CsvSource({
        "localhost:5000, true",
        "localhost:65535, true",
        "localhost:1234, true",
        // The seed's rule said false to these four; each is this machine.
        "localhost:123, true",
        "localhost, true",
        "localhost:5000/team, true",
        "127.0.0.1:5000, true",
        "127.1.2.3, true",
        "[::1]:5000, true",
        "registry.example.com:5000, false",
        "myhost:5000, false",
        "128.0.0.1:5000, false",
        "localhost.example.com:5000, false",
        "[::2]:5000, false",
        "myaccount, false",
    })
    void isLocalForEveryLoopbackHost(String uri, boolean local) {
        assertThat(registry(uri).isLocal()).isEqualTo(local);
    }

    @ParameterizedTest(name = "{1} under {0}: {2}")
    @CsvSource({
        "localhost:5000, localhost:5000/app, true",
        "localhost:5000, localhost:5000/app:1.0, true",
        "localhost:5000, localhost:5000/team/app:1.0, true",
        "localhost:5000, localhost:50001/app, false",
        "localhost:5000, localhost:5000app, false",
        "gcr.io/proj, gcr.io/proj/app, true",
        "gcr.io/proj, gcr.io/proj-evil/app, false",
        "gcr.io/proj, gcr.io/proj:tag, true",
        "gcr.io/proj, gcr.io/other/app, false",
        "ghcr.io/owner/app, ghcr.io/owner/app:1, true",
        // The seed's false negative: a Docker Hub short name belongs to its namespace.
        "docker.io/user, user/img, true",
        "user, user/img, true",
        "docker.io/user, index.docker.io/user/img:1, true",
        "docker.io/user, other/img, false",
    })
    void ownershipIsOnWholePathComponents(String uri, String image, boolean owned) {
        assertThat(registry(uri).owns(image)).isEqualTo(owned);
    }

    @Test
    void pushReturnsTheDigestAfterThePrepareHook() {
        ContainerRegistry registry = registry("localhost:5000");
        String digest = registry.pushImage("localhost:5000/team/app:1.0");
        assertThat(digest).isEqualTo("sha256:" + "ab".repeat(32));
        assertThat(flavor.prepared).containsExactly("localhost:5000/team/app:1.0");
        assertThat(pushed).containsExactly("localhost:5000/team/app:1.0");
    }

    @Test
    void pushWithoutTagPushesLatest() {
        registry("localhost:5000").pushImage("localhost:5000/app");
        assertThat(pushed).containsExactly("localhost:5000/app:latest");
    }

    @Test
    void foreignImageIsRefusedBeforeThePrepareHookNamingBoth() {
        ContainerRegistry registry = registry("localhost:5000");
        assertThatThrownBy(() -> registry.pushImage("localhost:50001/app:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN))
                .hasMessageContaining("'localhost:50001/app:1'")
                .hasMessageContaining("'reg' (localhost:5000)");
        assertThat(flavor.prepared).isEmpty();
        assertThat(pushed).isEmpty();
    }

    @Test
    void imageNamesThatCannotBePushedAreRefused() {
        ContainerRegistry registry = registry("localhost:5000");
        assertThatThrownBy(() -> registry.pushImage("")).isInstanceOf(InvalidImageReferenceException.class);
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/a b")).isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining("position 16");
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/app:")).isInstanceOf(InvalidImageReferenceException.class)
                .extracting(e -> ((InvalidImageReferenceException) e).part()).isEqualTo(ReferencePart.TAG);
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/app@sha256:" + "0".repeat(64)))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("names a digest").hasMessageContaining("localhost:5000/app:latest");
        assertThat(pushed).isEmpty();
    }

    @Test
    void componentTypesAreOpenAndKebabCase() {
        assertThat(StackComponentType.of("artifact-store")).isEqualTo(StackComponentType.of("artifact-store"));
        assertThat(StackComponentType.CONTAINER_REGISTRY.id()).isEqualTo("container-registry");
        assertThatThrownBy(() -> StackComponentType.of("Artifact Store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
    }
}
