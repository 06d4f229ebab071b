package dev.hoist.flavor.gitlab;

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

class GitLabFlavorTest {

    private final GitLabFlavor flavor = new GitLabFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "registry.gitlab.com/group/project, registry.gitlab.com/group/project",
        "Registry.GitLab.com/group/project/, registry.gitlab.com/group/project",
        "registry.gitlab.com/group/sub/project, registry.gitlab.com/group/sub/project",
        "gitlab.example.com:5050/group/project, gitlab.example.com:5050/group/project",
        "registry.example.com/a/b/c/d/e/project, registry.example.com/a/b/c/d/e/project",
        "git.internal:443/team_a/my.project, git.internal:443/team_a/my.project",
        // Loopback and local hosts: a self-managed GitLab may run on this machine.
        "127.0.0.1:5000/group/project, 127.0.0.1:5000/group/project",
        "localhost:5000/group/project, localhost:5000/group/project",
        "localhost/group/project, localhost/group/project",
        "LOCALHOST:5000/group/project, localhost:5000/group/project",
        "[::1]:5000/group/project, [::1]:5000/group/project",
        "10.0.0.7/group/project, 10.0.0.7/group/project",
    })
    void acceptsAnyHostWithGroupAndProject(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refusal("group/project", "registry.gitlab.com/group/project", "names no host",
                        "'registry.gitlab.com/group/project' on GitLab.com"),
                refusal("project", null, "names no host"),
                refusal("gitlab.com/group/project", "registry.gitlab.com/group/project", "'gitlab.com', which serves no registry"),
                refusal("GitLab.com:443/group/project", "registry.gitlab.com/group/project", "serves no registry"),
                refusal("gitlab.com", null, "serves no registry"),
                refusal("gitlab.com/group/project.git", "registry.gitlab.com/group/project", "serves no registry"),
                refusal("https://gitlab.com/group/project.git", "registry.gitlab.com/group/project", "has a scheme"),
                refusal("registry.gitlab.com", null, "names no group or project"),
                refusal("registry.gitlab.com/group", null, "names only 'group'", "<group>[/<subgroup>...]/<project>"),
                refusal("localhost:5000/project", null, "names only 'project'"),
                refusal("registry.gitlab.com/group/project.git", "registry.gitlab.com/group/project",
                        "'project.git'", "cannot end in '.git'"),
                refusal("registry.gitlab.com/group.atom/project", "registry.gitlab.com/group/project", "cannot end in '.atom'"),
                refusal("registry.gitlab.com/Group/Project", "registry.gitlab.com/group/project", "'Group' with upper case"),
                refusal("registry.gitlab.com/group/project:latest", "registry.gitlab.com/group/project", "carries a tag"),
                refusal("registry.gitlab.com//group/project", "registry.gitlab.com/group/project", "empty path component"),
                refusal("Group/project", "registry.gitlab.com/group/project", "reads as a host only because it has upper case"),
                refusal("registry.gitlab.com/-group/project", null, "path component '-group'"),
                refusal("gitlab.example.com:0/group/project", null, "port '0'"),
                refusal("", null, "is empty"),
                refusal("registry.gitlab.com/group/project" + "@sha256:" + "0".repeat(64), "registry.gitlab.com/group/project",
                        "carries a digest"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("gitlab");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://docs.gitlab.com/ee/user/packages/container_registry/");
    }
}
