package dev.hoist.flavor.dockerhub;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.testkit.PushHookHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker Hub's repository rule, checked before a push; the push itself is a stub that records. */
class DockerHubContainerRegistryTest {

    private final PushHookHarness harness = PushHookHarness.of(new DockerHubFlavor());

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private final DockerHubFlavor flavor = new DockerHubFlavor();

    private ContainerRegistry registry(String uri) {
        // Built by core exactly as config would build it, with this flavor's push hook (hoist-testing).
        return harness.registry(uri);
    }

    @ParameterizedTest(name = "[{index}] {0} is pushed as {1}")
    @CsvSource({
        "docker.io/myname/app:1.0, docker.io/myname/app:1.0",
        "docker.io/myname/my_app-2, docker.io/myname/my_app-2:latest",
        "docker.io/myname/ab:x, docker.io/myname/ab:x",
    })
    void pushesRepositoriesOneLevelBelowTheNamespace(String image, String expected) {
        assertThat(registry("myname").pushImage(image)).isEqualTo(DIGEST);
        assertThat(harness.pushed()).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "docker.io/myname/a/b:tag | nests 'a/b' under 'docker.io/myname'",
        "docker.io/myname/team/app | exactly '<namespace>/<repository>', one level deep",
        "docker.io/myname/a.b:1 | 'a.b' breaks Docker Hub's rule",
        "docker.io/myname/x:1 | 'x' breaks Docker Hub's rule",
    })
    void refusesOtherRepositoryNamesBeforePushing(String image, String fragment) {
        assertThatThrownBy(() -> registry("docker.io/myname").pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("Image name '" + image + "' is invalid")
                .hasMessageContaining(fragment);
        assertThat(harness.pushed()).isEmpty();
    }

    @Test
    void theNamespaceAloneIsNotARepository() {
        // docker.io/myname reads as docker.io/library/myname, so the ownership check refuses it.
        assertThatThrownBy(() -> registry("docker.io/myname").pushImage("docker.io/myname:1.0"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN))
                .hasMessageContaining("Tag it as 'docker.io/myname/<name>:<tag>' first");
        assertThat(harness.pushed()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"1, false", "2, true", "248, true"})
    void repositoryNamesAreAtLeastTwoCharacters(int length, boolean accepted) {
        String image = "docker.io/myname/" + "a".repeat(length) + ":1";
        ContainerRegistry registry = registry("myname");
        if (accepted) {
            registry.pushImage(image);
            assertThat(harness.pushed()).hasSize(1);
        } else {
            assertThatThrownBy(() -> registry.pushImage(image)).isInstanceOf(InvalidImageNameException.class)
                    .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                    .hasMessageContaining(DockerHubPushRules.REPOSITORY_RULE);
            assertThat(harness.pushed()).isEmpty();
        }
    }

    @Test
    void theWholePathIsAtMost255Characters() {
        // "myname/" and 249 characters make 256: the reference grammar refuses it before Docker Hub's rule.
        assertThatThrownBy(() -> registry("myname").pushImage("docker.io/myname/" + "a".repeat(249) + ":1"))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining("at most 255 characters");
        assertThat(harness.pushed()).isEmpty();
    }
}
