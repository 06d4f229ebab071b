package dev.hoist.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.hoist.Hoist;
import dev.hoist.push.ErrorKind;
import dev.hoist.push.InvalidImageNameException;
import dev.hoist.registry.ContainerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 22: the registry for a reference with every built-in flavor on the class path and only the embedded
 * {@code local} registry configured (localhost:5000): which flavor claims which host, and the implicit registry's URI.
 * Building a registry does no I/O, so no service is needed.
 */
class BuiltInHostClaimsTest {

    private Hoist hoist;

    @BeforeEach
    void hoist() {
        hoist = Hoist.builder().config(ConfigFactory.parseString(
                "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"")).build();
    }

    @AfterEach
    void close() {
        hoist.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            // claimed hosts: the claiming flavor, with the fewest path components its URI rules accept
            "ghcr.io/acme/app:1,                                   github,    ghcr.io/acme",
            "ghcr.io/acme/team/app:1,                              github,    ghcr.io/acme",
            "GHCR.IO/acme/app:1,                                   github,    ghcr.io/acme",
            "registry.gitlab.com/group/project/app:1,              gitlab,    registry.gitlab.com/group/project",
            "docker.io/acmecorp/app:1,                             dockerhub, docker.io/acmecorp",
            "acmecorp/app:1,                                       dockerhub, docker.io/acmecorp",
            "index.docker.io/acmecorp/app:1,                       dockerhub, docker.io/acmecorp",
            "registry-1.docker.io/acmecorp/app:1,                  dockerhub, docker.io/acmecorp",
            "Registry.Hub.Docker.com/acmecorp/app:1,               dockerhub, docker.io/acmecorp",
            "gcr.io/my-project/app:1,                              gcp,       gcr.io/my-project",
            "eu.gcr.io/my-project/app:1,                           gcp,       eu.gcr.io/my-project",
            "europe-west1-docker.pkg.dev/my-project/my-repo/app:1, gcp,       europe-west1-docker.pkg.dev/my-project/my-repo",
            "myregistry.azurecr.io/app:1,                          azure,     myregistry.azurecr.io",
            "MyRegistry.AzureCR.io/team/app:1,                     azure,     myregistry.azurecr.io",
            "myregistry.azurecr.us/app:1,                          azure,     myregistry.azurecr.us",
            // hosts nobody claims: the default flavor, for the host alone
            "127.0.0.1:5000/x/y:1,                                 default,   127.0.0.1:5000",
            "127.0.0.1:5005/x/y:1,                                 default,   127.0.0.1:5005",
            "[::1]:5000/app:1,                                     default,   [::1]:5000",
            "localhost:5001/app:1,                                 default,   localhost:5001",
            "quay.io/org/app:1,                                    default,   quay.io",
            // a pattern without a port claims the default port only; a wildcard claims exactly one more label
            "ghcr.io:443/acme/app:1,                               default,   ghcr.io:443",
            "myregistry.azurecr.io:443/app:1,                      default,   myregistry.azurecr.io:443",
            "a.b.azurecr.io/app:1,                                 default,   a.b.azurecr.io",
            "azurecr.io/app:1,                                     default,   azurecr.io",
            "docker.pkg.dev/my-project/my-repo/app:1,              default,   docker.pkg.dev",
            "gcr.io.example.com/my-project/app:1,                  default,   gcr.io.example.com",
            "ghcr.io.example.com/acme/app:1,                       default,   ghcr.io.example.com",
    })
    void theFlavorThatClaimsTheHostBuildsTheImplicitRegistry(String reference, String flavor, String uri) {
        ContainerRegistry registry = hoist.registryFor(reference);
        assertThat(registry.isImplicit()).isTrue();
        assertThat(registry.configuredName()).isEmpty();
        assertThat(registry.flavor()).isEqualTo(flavor);
        assertThat(registry.uri()).isEqualTo(uri);
        assertThat(registry.owns(reference)).isTrue();
        assertThat(hoist.registryFor(reference)).as("built once").isSameAs(registry);
        assertThat(hoist.registryForReading(reference)).isSameAs(registry);
    }

    @Test
    void theConfiguredOwnerComesFirst() {
        ContainerRegistry local = hoist.registryFor("localhost:5000/app:1");
        assertThat(local.isImplicit()).isFalse();
        assertThat(local.configuredName()).contains("local");
        assertThat(local).isSameAs(hoist.registry("local"));
        // The same host on another port, or written as an address, is another registry.
        assertThat(hoist.registryFor("localhost:5001/app:1").isImplicit()).isTrue();
        assertThat(hoist.registryFor("127.0.0.1:5000/app:1").isImplicit()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "ghcr.io/app:1                               | github    | ghcr.io     | names no owner",
            "docker.io/ab/app:1                          | dockerhub | docker.io   | 4 to 30 lower-case letters and digits",
            "ubuntu:24.04                                | dockerhub | docker.io   | the namespace of Docker Official Images",
            "registry.gitlab.com/app:1                   | gitlab    | registry.gitlab.com | names no group or project",
            "foo.gcr.io/my-project/app:1                 | gcp       | *.gcr.io    | Container Registry's hosts are only",
            "europe-west1-docker.pkg.dev/my-project/app:1 | gcp      | *-docker.pkg.dev | names no repository",
    })
    void aReferenceTheClaimingFlavorRefusesIsRefusedWithItsMessage(String reference, String flavor, String pattern,
                                                                    String reason) {
        assertThatThrownBy(() -> hoist.registryFor(reference))
                .isInstanceOf(InvalidImageNameException.class)
                .satisfies(e -> assertThat(((InvalidImageNameException) e).reason())
                        .isEqualTo(InvalidImageNameException.Reason.INVALID))
                .satisfies(e -> assertThat(((InvalidImageNameException) e).kind()).isEqualTo(ErrorKind.IMAGE_NAME))
                .hasMessageStartingWith("Image name '" + reference + "' is invalid: no configured registry owns it,"
                        + " and flavor '" + flavor + "', which claims its host as '" + pattern + "', accepts no"
                        + " registry URI it could be under.")
                .hasMessageContaining(reason)
                .hasMessageEndingWith("Configure a registry for it in hoist.registries, or name one with --registry");
    }

    @Test
    void aReadOfAReferenceTheClaimingFlavorRefusesGoesThroughTheDefaultFlavor() {
        // Docker Official Images are read, never pushed: Docker Hub's URI rules refuse docker.io/library.
        ContainerRegistry official = hoist.registryForReading("ubuntu:24.04");
        assertThat(official.flavor()).isEqualTo("default");
        assertThat(official.uri()).isEqualTo("docker.io");
        assertThat(official.host()).isEqualTo("docker.io");
        assertThat(official.isImplicit()).isTrue();
        // A reference the claiming flavor accepts is read through that flavor, as it is pushed.
        assertThat(hoist.registryForReading("acmecorp/app:1").flavor()).isEqualTo("dockerhub");
    }

    @Test
    void withImplicitRegistriesOffAReferenceNoConfiguredRegistryOwnsIsRefusedNamingThem() {
        try (Hoist strict = Hoist.builder().config(ConfigFactory.parseString(
                "hoist.docker.host = \"unix:///nonexistent/hoist-test.sock\"\nhoist.implicit-registries = false"))
                .build()) {
            assertThat(strict.registries().implicitRegistries()).isFalse();
            assertThatThrownBy(() -> strict.registryFor("ghcr.io/acme/app:1"))
                    .isInstanceOf(InvalidImageNameException.class)
                    .satisfies(e -> assertThat(((InvalidImageNameException) e).reason())
                            .isEqualTo(InvalidImageNameException.Reason.FOREIGN))
                    .hasMessage("No configured container registry owns 'ghcr.io/acme/app:1' (configured: local"
                            + " (localhost:5000)), and hoist.implicit-registries is false. Add one whose URI it is"
                            + " under to hoist.registries, or name one with --registry.");
            assertThat(strict.registryFor("localhost:5000/app:1").name()).isEqualTo("local");
        }
    }

    @Test
    void theBuiltInClaimsAreTheDocumentedOnes() {
        assertThat(hoist.registries().hostClaims().problems()).isEmpty();
        assertThat(hoist.registries().hostClaims().all()).extracting(claim -> claim.flavor() + " " + claim.pattern())
                .containsExactly("azure *.azurecr.io", "azure *.azurecr.cn", "azure *.azurecr.us",
                        "dockerhub docker.io", "gcp gcr.io", "gcp *.gcr.io", "gcp *-docker.pkg.dev", "github ghcr.io",
                        "gitlab registry.gitlab.com");
    }
}
