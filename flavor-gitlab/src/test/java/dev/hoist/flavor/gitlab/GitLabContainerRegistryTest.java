package dev.hoist.flavor.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.hoist.spi.HoistException;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.registry.RegistryContext;
import dev.hoist.spi.RegistrySettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitLab's limit on image path depth, checked before a push; the push itself is a stub that records. */
class GitLabContainerRegistryTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private static final String PROJECT = "registry.gitlab.com/group/project";

    private final List<String> pushed = new ArrayList<>();
    private final RegistryContext context = () -> (repository, tag, credentials) -> {
        pushed.add(repository + ":" + tag);
        return DIGEST;
    };
    private final GitLabFlavor flavor = new GitLabFlavor();
    /** The real defaults, from this module's reference.conf. */
    private final Config defaults = ConfigFactory.defaultReference(getClass().getClassLoader())
            .getConfig("hoist.flavors.gitlab.registry-defaults");

    private ContainerRegistry registry(String uri, Config config) {
        return flavor.create(new RegistrySettings("gl", flavor.name(), flavor.normalizeUri(uri), config), context);
    }

    @Test
    void theDefaultLimitIsGitLabsDocumentedTwoLevels() {
        assertThat(defaults.getInt(GitLabContainerRegistry.MAX_DEPTH_KEY)).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{index}] {0} is pushed as {1}")
    @CsvSource({
        PROJECT + ":1.0, " + PROJECT + ":1.0",
        PROJECT + "/app, " + PROJECT + "/app:latest",
        PROJECT + "/my/image:rc1, " + PROJECT + "/my/image:rc1",
    })
    void pushesImagesUpToTheLimitBelowTheProject(String image, String expected) {
        assertThat(registry(PROJECT, defaults).pushImage(image)).isEqualTo(DIGEST);
        assertThat(pushed).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        PROJECT + "/a/b/c:1.0 | goes 3 levels below the project '" + PROJECT + "' ('a/b/c'), but GitLab allows at most 2",
        PROJECT + "/a/b/c/d | goes 4 levels below",
    })
    void refusesDeeperImagesBeforePushing(String image, String fragment) {
        assertThatThrownBy(() -> registry(PROJECT, defaults).pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .hasMessageContaining("Image name '" + image + "' is invalid")
                .hasMessageContaining(fragment)
                .hasMessageContaining("max-path-depth-below-project of registry 'gl'");
        assertThat(pushed).isEmpty();
    }

    @Test
    void aRegistryMaySetItsOwnLimit() {
        Config own = ConfigFactory.parseString("max-path-depth-below-project = 3").withFallback(defaults);
        ContainerRegistry registry = registry(PROJECT, own);

        registry.pushImage(PROJECT + "/a/b/c:1");
        assertThat(pushed).containsExactly(PROJECT + "/a/b/c:1");
        assertThatThrownBy(() -> registry.pushImage(PROJECT + "/a/b/c/d:1"))
                .isInstanceOf(InvalidImageNameException.class)
                .hasMessageContaining("at most 3");
        assertThat(pushed).hasSize(1);
    }

    @Test
    void aNegativeLimitIsRefusedWithItsOrigin() {
        Config own = ConfigFactory.parseString("max-path-depth-below-project = -1").withFallback(defaults);
        assertThatThrownBy(() -> registry(PROJECT, own))
                .isInstanceOf(HoistException.class)
                .hasMessageContaining("Registry 'gl' sets max-path-depth-below-project = -1")
                .hasMessageContaining("0 or more");
    }

    @Test
    void countsDepthFromTheProjectOnALoopbackHost() {
        ContainerRegistry registry = registry("localhost:5000/group/sub/project", defaults);

        registry.pushImage("localhost:5000/group/sub/project/my/image:1");
        assertThat(pushed).containsExactly("localhost:5000/group/sub/project/my/image:1");
        assertThatThrownBy(() -> registry.pushImage("localhost:5000/group/sub/project/a/b/c:1"))
                .isInstanceOf(InvalidImageNameException.class);
    }
}
