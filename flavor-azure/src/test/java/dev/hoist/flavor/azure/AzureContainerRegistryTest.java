package dev.hoist.flavor.azure;

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
class AzureContainerRegistryTest {

    private final PushHookHarness harness = PushHookHarness.of(new AzureFlavor());

    private static final String DIGEST = "sha256:" + "0".repeat(64);

    private final AzureFlavor flavor = new AzureFlavor();

    private ContainerRegistry registry(String uri) {
        // Built by core exactly as config would build it, with this flavor's push hook (hoist-testing).
        return harness.registry(uri);
    }

    @ParameterizedTest(name = "[{index}] {1} is pushed as {2}")
    @CsvSource({
        "myregistry.azurecr.io, myregistry.azurecr.io/app:1.0, myregistry.azurecr.io/app:1.0",
        "myregistry.azurecr.io, myregistry.azurecr.io/team/app, myregistry.azurecr.io/team/app:latest",
        "myregistry.azurecr.io/team, myregistry.azurecr.io/team:2, myregistry.azurecr.io/team:2",
    })
    void pushesImagesInARepository(String uri, String image, String expected) {
        assertThat(registry(uri).pushImage(image)).isEqualTo(DIGEST);
        assertThat(harness.pushed()).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "myregistry.azurecr.io:1.0",
        "myregistry.azurecr.io",
    })
    void refusesTheLoginServerAloneBeforePushing(String image) {
        // Docker reads a bare login server as a Docker Hub repository, so it is foreign to this registry.
        assertThatThrownBy(() -> registry("myregistry.azurecr.io").pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.FOREIGN))
                .hasMessageContaining("Tag it as 'myregistry.azurecr.io/<name>:<tag>' first");
        assertThat(harness.pushed()).isEmpty();
    }
}
