package dev.hoist.flavor.gcp;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static dev.hoist.testing.UriRuleCases.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import com.typesafe.config.ConfigFactory;
import dev.hoist.registry.ContainerRegistry;
import dev.hoist.testing.TestFlavor;
import dev.hoist.testing.UriRuleCases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 item 12: Google's domain-scoped projects. The project ID {@code example.com:my-project}
 * is written {@code example.com/my-project} in registry and image paths (Artifact Registry,
 * "Repository and image names", "Domain-scoped projects"), for Container Registry and Artifact
 * Registry alike. The part after the domain follows the usual project ID rules, and images go one
 * level deeper, since the domain is part of the project.
 */
class GcpDomainScopedProjectTest {

    private static final String DIGEST = "sha256:" + "0".repeat(64);
    private final GcpFlavor flavor = new GcpFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "gcr.io/example.com/my-project, gcr.io/example.com/my-project",
        "GCR.io/example.com/my-project/, gcr.io/example.com/my-project",
        "eu.gcr.io/example.com/my-project/team, eu.gcr.io/example.com/my-project/team",
        "asia.gcr.io/sub.example.co.uk/proj-123, asia.gcr.io/sub.example.co.uk/proj-123",
        "gcr.io/my-company.com/abcdef, gcr.io/my-company.com/abcdef",
        "gcr.io/x1.io/a23456789012345678901234567890, gcr.io/x1.io/a23456789012345678901234567890",
        "us-docker.pkg.dev/example.com/my-project/my-repo, us-docker.pkg.dev/example.com/my-project/my-repo",
        "europe-west1-docker.pkg.dev/example.com/my-project/my-repo/team, europe-west1-docker.pkg.dev/example.com/my-project/my-repo/team",
    })
    void acceptsADomainScopedProject(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // The project ID as Google writes it: the ':' becomes '/' in paths, which is offered.
                refusal("gcr.io/example.com:my-project", "gcr.io/example.com/my-project",
                        "domain-scoped project ID 'example.com:my-project'", "the ':' becomes '/'"),
                refusal("us-docker.pkg.dev/example.com:my-project/repo", "us-docker.pkg.dev/example.com/my-project/repo",
                        "domain-scoped project ID 'example.com:my-project'"),
                refusal("gcr.io/example.com:short", null, "domain-scoped project ID 'example.com:short'"),
                // A domain alone, or a domain and no repository.
                refusal("gcr.io/example.com", null, "names the domain 'example.com' of a domain-scoped project but no project",
                        "'gcr.io/example.com/<project>'"),
                refusal("us-docker.pkg.dev/example.com", null, "but no project",
                        "'us-docker.pkg.dev/example.com/<project>/<repository>'"),
                refusal("us-docker.pkg.dev/example.com/my-project", null, "names no repository",
                        "'us-docker.pkg.dev/example.com/my-project/<repository>'"),
                // Bad domains.
                refusal("gcr.io/exa_mple.com/my-project", null, "'exa_mple.com' where the domain of a domain-scoped project goes",
                        GcpUris.DOMAIN_RULE),
                refusal("gcr.io/example.123/my-project", null, "'example.123' where the domain", GcpUris.DOMAIN_RULE),
                refusal("gcr.io/example.1com/my-project", null, "'example.1com' where the domain"),
                refusal("gcr.io/example__x.com/my-project", null, "'example__x.com' where the domain"),
                refusal("gcr.io/" + "a".repeat(64) + ".com/my-project", null, "where the domain"),
                // Bad project IDs after the domain.
                refusal("gcr.io/example.com/short", null, "project ID 'short' after domain 'example.com', which is too short",
                        GcpUris.PROJECT_RULE),
                refusal("gcr.io/example.com/a234567890123456789012345678901", null, "after domain 'example.com', which is too long"),
                refusal("gcr.io/example.com/1project", null, "'1project' after domain 'example.com', which does not start with a letter"),
                refusal("gcr.io/example.com/my_project", null, "'my_project' after domain 'example.com', which has a character"),
                refusal("us-docker.pkg.dev/example.com/my-project/1repo", null, "repository ID '1repo'"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRule(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    private final List<String> pushed = new ArrayList<>();
    private ContainerRegistry registry(String uri) {
        return TestFlavor.registry(flavor, "gcp", uri, (repository, tag, credentials) -> {
            pushed.add(repository + ":" + tag);
            return DIGEST;
        });
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({
        "gcr.io/example.com/my-project, gcr.io/example.com/my-project/app:1, gcr.io/example.com/my-project/app:1",
        "gcr.io/example.com/my-project, gcr.io/example.com/my-project/team/app, gcr.io/example.com/my-project/team/app:latest",
        "us-docker.pkg.dev/example.com/my-project/repo, us-docker.pkg.dev/example.com/my-project/repo/app:1,"
                + " us-docker.pkg.dev/example.com/my-project/repo/app:1",
    })
    void pushesImagesInsideTheDomainScopedProject(String uri, String image, String expected) {
        assertThat(registry(uri).pushImage(image)).isEqualTo(DIGEST);
        assertThat(pushed).containsExactly(expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({
        "gcr.io/example.com/my-project, gcr.io/example.com/my-project:1, 'gcr.io/example.com/<project>/<image>'",
        "us-docker.pkg.dev/example.com/my-project/repo, us-docker.pkg.dev/example.com/my-project/repo:1,"
                + " 'us-docker.pkg.dev/example.com/<project>/<repository>/<image>'",
    })
    void refusesTheProjectOrRepositoryItself(String uri, String image, String form) {
        assertThatThrownBy(() -> registry(uri).pushImage(image))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(kindAndReason(ErrorKind.IMAGE_NAME, InvalidImageNameException.Reason.INVALID))
                .hasMessageContaining("keep images inside it")
                .hasMessageContaining(form);
        assertThat(pushed).isEmpty();
    }
}
