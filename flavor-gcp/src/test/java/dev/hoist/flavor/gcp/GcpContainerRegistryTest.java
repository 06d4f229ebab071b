package dev.hoist.flavor.gcp;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.testkit.PushHookHarness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image rule this flavor adds before a push; the push itself is a stub that records. */
class GcpContainerRegistryTest {

    private final PushHookHarness harness = PushHookHarness.of(new GcpFlavor());

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private final GcpFlavor flavor = new GcpFlavor();

    private ContainerRegistry registry(String uri) {
        // Built by core exactly as config would build it, with this flavor's push hook (hoist-testing).
        return harness.registry(uri);
    }

    @ParameterizedTest(name = "[{index}] {1} is pushed as {2}")
    @CsvSource({
        "gcr.io/my-project, gcr.io/my-project/app:1.0, gcr.io/my-project/app:1.0",
        "gcr.io/my-project, gcr.io/my-project/team/app, gcr.io/my-project/team/app:latest",
        "gcr.io/my-project/team, gcr.io/my-project/team:2, gcr.io/my-project/team:2",
        "us-docker.pkg.dev/my-project/repo, us-docker.pkg.dev/my-project/repo/app:1, us-docker.pkg.dev/my-project/repo/app:1",
        "us-docker.pkg.dev/my-project/repo/team, us-docker.pkg.dev/my-project/repo/team:1, us-docker.pkg.dev/my-project/repo/team:1",
    })
    void pushesImagesInsideTheProjectOrRepository(String uri, String image, String expected) {
        assertThat(registry(uri).pushImage(image)).isEqualTo(DIGEST);
        assertThat(harness.pushed()).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({
        "gcr.io/my-project, gcr.io/my-project:1.0, 'gcr.io/<project>/<image>'",
        "us-docker.pkg.dev/my-project/repo, us-docker.pkg.dev/my-project/repo:1.0, 'us-docker.pkg.dev/<project>/<repository>/<image>'",
    })
    void refusesTheContainerItselfBeforePushing(String uri, String image, String form) {
        assertThatThrownBy(() -> registry(uri).pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("keep images inside it")
                .hasMessageContaining(form);
        assertThat(harness.pushed()).isEmpty();
    }
}
