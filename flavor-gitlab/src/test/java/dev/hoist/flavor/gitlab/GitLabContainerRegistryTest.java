package dev.hoist.flavor.gitlab;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.testkit.PushHookHarness;
import dev.hoist.testkit.TestHoist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.auth.CredentialResolver;
import dev.hoist.config.HoistConfigException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.push.ImagePusher;
import dev.hoist.registry.RegistryContext;
import dev.hoist.registry.RegistryFlavorAdapter;
import dev.hoist.spi.ComponentContext;
import dev.hoist.spi.ComponentSettings;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.testing.ConfigUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's limit on image path depth, checked before a push; the push itself is a stub that records. */
class GitLabContainerRegistryTest {

    private final PushHookHarness harness = PushHookHarness.of(new GitLabFlavor());

    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private static final String PROJECT = "registry.gitlab.com/group/project";

    private final GitLabFlavor flavor = new GitLabFlavor();
    /** The real defaults, from this module's reference.conf. */
    private final Config defaults = ConfigFactory.defaultReference(getClass().getClassLoader())
            .getConfig("hoist.flavors.gitlab.registry-defaults");

    /** A registry built by core as config would build it (flavor check, then its hook), with these settings. */
    private ContainerRegistry registry(String uri, Config config) {
        return harness.registry("gl", uri, config);
    }

    /** Config as a user writes it: core and this module only, so no embedded local registry. */
    private static Config userConfig(String registry) {
        return ConfigFactory.parseString("hoist.registries.gl { " + registry + " }\n" + TestHoist.WITHOUT_LOCAL);
    }

    @Test
    void theDefaultLimitIsGitLabsDocumentedTwoLevels() {
        assertThat(defaults.getInt(GitLabPushRules.MAX_DEPTH_KEY)).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0} is pushed as {1}")
    @CsvSource({
        PROJECT + ":1.0, " + PROJECT + ":1.0",
        PROJECT + "/app, " + PROJECT + "/app:latest",
        PROJECT + "/my/image:rc1, " + PROJECT + "/my/image:rc1",
    })
    void pushesImagesUpToTheLimitBelowTheProject(String image, String expected) {
        assertThat(registry(PROJECT, defaults).pushImage(image)).isEqualTo(DIGEST);
        assertThat(harness.pushed()).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        PROJECT + "/a/b/c:1.0 | goes 3 levels below the project '" + PROJECT + "' ('a/b/c'), but GitLab allows at most 2",
        PROJECT + "/a/b/c/d | goes 4 levels below",
    })
    void refusesDeeperImagesBeforePushing(String image, String fragment) {
        assertThatThrownBy(() -> registry(PROJECT, defaults).pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("Image name '" + image + "' is invalid")
                .hasMessageContaining(fragment)
                .hasMessageContaining("max-path-depth-below-project of registry 'gl'");
        assertThat(harness.pushed()).isEmpty();
    }

    @Test
    void aRegistryMaySetItsOwnLimit() {
        Config own = ConfigFactory.parseString("max-path-depth-below-project = 3").withFallback(defaults);
        ContainerRegistry registry = registry(PROJECT, own);

        registry.pushImage(PROJECT + "/a/b/c:1");
        assertThat(harness.pushed()).containsExactly(PROJECT + "/a/b/c:1");
        assertThatThrownBy(() -> registry.pushImage(PROJECT + "/a/b/c/d:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("at most 3");
        assertThat(harness.pushed()).hasSize(1);
    }

    @Test
    void aNegativeLimitIsRefusedAtLoadTimeWithItsPathAndOrigin() {
        Config config = userConfig("flavor = gitlab, uri = \"" + PROJECT + "\", max-path-depth-below-project = -1");
        assertThatThrownBy(() -> ConfigUnderTest.load(config, getClass().getClassLoader(), Map.of(flavor.name(), flavor)))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.gl.max-path-depth-below-project (String: 1)")
                .hasMessageContaining("0 or more")
                .hasMessageContaining("found number -1");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "max-path-depth-below-project = two | found string",
        "max-path-depth-below-project = 1.5 | found number 1.5",
    })
    void aLimitThatIsNoWholeNumberIsRefusedAtLoadTime(String setting, String fragment) {
        Config config = userConfig("flavor = gitlab, uri = \"" + PROJECT + "\", " + setting);
        assertThatThrownBy(() -> ConfigUnderTest.load(config, getClass().getClassLoader(), Map.of(flavor.name(), flavor)))
                .isInstanceOf(HoistConfigException.class)
                .hasMessageContaining("hoist.registries.gl.max-path-depth-below-project")
                .hasMessageContaining(fragment);
    }

    @Test
    void theDefaultLimitPassesTheLoadTimeCheck() {
        Config config = userConfig("flavor = gitlab, uri = \"" + PROJECT + "\"");
        var loaded = ConfigUnderTest.load(config, getClass().getClassLoader(), Map.of(flavor.name(), flavor));
        assertThat(loaded.registries().names()).containsExactly("gl");
        assertThat(loaded.registries().definition("gl").orElseThrow().settings().config()
                .getInt(GitLabPushRules.MAX_DEPTH_KEY)).isEqualTo(2);
    }

    @Test
    void countsDepthFromTheProjectOnALoopbackHost() {
        ContainerRegistry registry = registry("localhost:5000/group/sub/project", defaults);

        registry.pushImage("localhost:5000/group/sub/project/my/image:1");
        assertThat(harness.pushed()).containsExactly("localhost:5000/group/sub/project/my/image:1");
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/group/sub/project/a/b/c:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID));
    }
}
