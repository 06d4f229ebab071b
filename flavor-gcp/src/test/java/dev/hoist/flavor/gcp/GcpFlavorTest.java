package dev.hoist.flavor.gcp;

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

class GcpFlavorTest {

    private final GcpFlavor flavor = new GcpFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "gcr.io/my-project, gcr.io/my-project",
        "GCR.IO/my-project/, gcr.io/my-project",
        "us.gcr.io/my-project/team, us.gcr.io/my-project/team",
        "eu.gcr.io/my-project, eu.gcr.io/my-project",
        "asia.gcr.io/my-project, asia.gcr.io/my-project",
        "us-central1-docker.pkg.dev/my-project/images, us-central1-docker.pkg.dev/my-project/images",
        "Europe-West1-Docker.pkg.dev/my-project/images/team/sub, europe-west1-docker.pkg.dev/my-project/images/team/sub",
        "us-docker.pkg.dev/my-project/repo, us-docker.pkg.dev/my-project/repo",
        "europe-docker.pkg.dev/abcdef/r, europe-docker.pkg.dev/abcdef/r",
        "asia-docker.pkg.dev/a23456789012345678901234567890/r1, asia-docker.pkg.dev/a23456789012345678901234567890/r1",
        "northamerica-northeast1-docker.pkg.dev/proj-123/my-repo, northamerica-northeast1-docker.pkg.dev/proj-123/my-repo",
        "europe-west12-docker.pkg.dev/my--project/repo, europe-west12-docker.pkg.dev/my--project/repo",
    })
    void acceptsBothRegistriesAndNormalisesThem(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refusal("gcr.io", null, "names no project", "'gcr.io/<project>'"),
                refusal("us-central1-docker.pkg.dev", null, "names no project",
                        "'us-central1-docker.pkg.dev/<project>/<repository>'"),
                refusal("us-central1-docker.pkg.dev/my-project", null, "names no repository",
                        "'us-central1-docker.pkg.dev/my-project/<repository>'"),
                refusal("au.gcr.io/my-project", null, "host 'au.gcr.io'", "'gcr.io', 'us.gcr.io', 'eu.gcr.io' and 'asia.gcr.io'"),
                refusal("docker.pkg.dev/my-project/repo", null, "names no location", GcpUris.LOCATION_RULE),
                refusal("us-central-docker.pkg.dev/my-project/repo", null, "location 'us-central'", GcpUris.LOCATION_RULE),
                refusal("eu-docker.pkg.dev/my-project/repo", null, "location 'eu'"),
                refusal("us-central1a-docker.pkg.dev/my-project/repo", null, "location 'us-central1a'"),
                refusal("gcr.io/short", null, "project ID 'short', which is too short", GcpUris.PROJECT_RULE),
                refusal("gcr.io/a234567890123456789012345678901", null, "which is too long", GcpUris.PROJECT_RULE),
                refusal("gcr.io/1project", null, "'1project', which does not start with a letter"),
                refusal("gcr.io/my_project", null, "'my_project', which has a character other than"),
                // Domain-scoped projects: GcpDomainScopedProjectTest.
                refusal("us-docker.pkg.dev/my-project/1repo", null, "repository ID '1repo', which does not start with a letter",
                        GcpUris.REPOSITORY_RULE),
                refusal("us-docker.pkg.dev/my-project/my_repo", null, "repository ID 'my_repo'", GcpUris.REPOSITORY_RULE),
                refusal("gcr.io:443/my-project", "gcr.io/my-project", "has port 443"),
                refusal("my-project/repo", null, "names no host", "'gcr.io/<project>'"),
                refusal("registry.example.com/my-project", null, "not a Google registry"),
                refusal("pkg.dev/my-project/repo", null, "not a Google registry"),
                refusal("https://gcr.io/my-project/", "gcr.io/my-project", "has a scheme"),
                refusal("gcr.io/My-Project", "gcr.io/my-project", "'My-Project' with upper case"),
                refusal("gcr.io/my-project:latest", "gcr.io/my-project", "carries a tag"),
                refusal("gcr.io/short:latest", null, "carries a tag"),
                refusal("us-docker.pkg.dev//my-project/repo", "us-docker.pkg.dev/my-project/repo", "empty path component"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("gcp");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://cloud.google.com/artifact-registry/docs/docker");
    }
}
