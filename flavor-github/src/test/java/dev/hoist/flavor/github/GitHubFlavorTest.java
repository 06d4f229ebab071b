package dev.hoist.flavor.github;

import static dev.hoist.testing.UriRuleCases.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.UriRuleCases;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GitHubFlavorTest {

    private static final String OWNER_39 = "a".repeat(39);
    private static final String OWNER_40 = "a".repeat(40);

    private final GitHubFlavor flavor = new GitHubFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "ghcr.io/octocat, ghcr.io/octocat",
        "GHCR.IO/octocat/, ghcr.io/octocat",
        "Ghcr.io/my-org/team, ghcr.io/my-org/team",
        "ghcr.io/a, ghcr.io/a",
        "ghcr.io/octo-cat-2/app/sub, ghcr.io/octo-cat-2/app/sub",
        "ghcr.io/0rg, ghcr.io/0rg",
        "ghcr.io/octocat/my_app.v2, ghcr.io/octocat/my_app.v2",
        "ghcr.io/octocat///, ghcr.io/octocat",
    })
    void acceptsOwnersOnGhcrAndNormalisesThem(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    @Test
    void acceptsOwnersOfThirtyNineCharacters() {
        assertThat(flavor.normalizeUri("ghcr.io/" + OWNER_39)).isEqualTo("ghcr.io/" + OWNER_39);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refusal("ghcr.io", null, "names no owner", "'ghcr.io/<owner>'"),
                refusal("ghcr.io/Octocat", "ghcr.io/octocat", "'Octocat' with upper case"),
                refusal("GHCR.io/My-Org/App", "ghcr.io/my-org/app", "'My-Org' with upper case"),
                refusal("ghcr.io/my_org", null, "owner 'my_org', which has '_'", GitHubUris.OWNER_RULE),
                refusal("ghcr.io/my.org", null, "owner 'my.org', which has '.'", GitHubUris.OWNER_RULE),
                refusal("ghcr.io/my--org", null, "owner 'my--org', which has two hyphens in a row"),
                refusal("ghcr.io/" + OWNER_40, null, "longer than 39 characters", GitHubUris.OWNER_RULE),
                refusal("ghcr.io/-octocat", null, "path component '-octocat'"),
                refusal("docker.pkg.github.com/octocat/repo/app", "ghcr.io/octocat", "retired GitHub Packages"),
                refusal("docker.pkg.github.com/Octocat/Repo/app", "ghcr.io/octocat", "'Octocat' with upper case"),
                refusal("docker.pkg.github.com", null, "retired GitHub Packages"),
                refusal("github.com/octocat/repo", "ghcr.io/octocat", "GitHub's website"),
                refusal("github.com", null, "GitHub's website"),
                refusal("octocat/app", "ghcr.io/octocat/app", "names no host"),
                refusal("my_org/app", null, "names no host"),
                refusal("ghcr.io:443/octocat", "ghcr.io/octocat", "has port 443"),
                refusal("quay.io/octocat", null, "host 'quay.io', which is not GitHub's Container Registry"),
                refusal("localhost:5000/octocat", null, "host 'localhost'"),
                refusal("https://ghcr.io/octocat/", "ghcr.io/octocat", "has a scheme"),
                refusal("ghcr.io/octocat/app:1.0", "ghcr.io/octocat/app", "carries a tag"),
                refusal("ghcr.io/octocat/app" + "@sha256:" + "0".repeat(64), "ghcr.io/octocat/app", "carries a digest"),
                refusal("ghcr.io / octocat", "ghcr.io/octocat", "whitespace"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("github");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString(
                "https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-container-registry");
    }
}
