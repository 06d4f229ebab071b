package dev.hoist.flavor.github;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The image rule this flavor adds before a push; the push itself is a stub that records. */
class GitHubContainerRegistryTest {

    private final PushHookHarness harness = PushHookHarness.of(new GitHubFlavor());

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private final GitHubFlavor flavor = new GitHubFlavor();

    private ContainerRegistry registry(String uri) {
        // Built by core exactly as config would build it, with this flavor's push hook (hoist-testing).
        return harness.registry(uri);
    }

    @ParameterizedTest(name = "[{index}] {1} is pushed as {2}")
    @CsvSource({
        "ghcr.io/octocat, ghcr.io/octocat/app:1.0, ghcr.io/octocat/app:1.0",
        "ghcr.io/octocat, ghcr.io/octocat/team/app, ghcr.io/octocat/team/app:latest",
        "ghcr.io/octocat/app, ghcr.io/octocat/app:2, ghcr.io/octocat/app:2",
    })
    void pushesPackagesInsideTheOwner(String uri, String image, String expected) {
        assertThat(registry(uri).pushImage(image)).isEqualTo(DIGEST);
        assertThat(harness.pushed()).containsExactly(expected);
    }

    @Test
    void refusesTheOwnerAloneBeforePushing() {
        assertThatThrownBy(() -> registry("ghcr.io/octocat").pushImage("ghcr.io/octocat:1.0"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("names the owner 'ghcr.io/octocat' but no package")
                .hasMessageContaining("'ghcr.io/octocat/<image>'");
        assertThat(harness.pushed()).isEmpty();
    }
}
