package dev.hoist.flavor.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.InvalidRegistryUriException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DockerHubFlavorTest {

    private final DockerHubFlavor flavor = new DockerHubFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "myname, docker.io/myname",
        "myname/, docker.io/myname",
        "docker.io/myname, docker.io/myname",
        "DOCKER.IO/myname/, docker.io/myname",
        "index.docker.io/myname, docker.io/myname",
        "registry-1.docker.io/myname, docker.io/myname",
        "registry.hub.docker.com/myname, docker.io/myname",
        "abcd, docker.io/abcd",
        "a23456789012345678901234567890, docker.io/a23456789012345678901234567890",
        "1234, docker.io/1234",
    })
    void acceptsOneNamespaceAndNormalisesToDockerIo(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refused("docker.io", null, "names no namespace", "'docker.io/<namespace>'"),
                refused("index.docker.io/", null, "names no namespace"),
                refused("docker.io/myname/app", "docker.io/myname", "has 2 path components", "exactly one namespace"),
                refused("myname/app", "docker.io/myname", "exactly one namespace"),
                refused("myname/team/app", "docker.io/myname", "has 3 path components"),
                refused("quay.io/myname", null, "host 'quay.io', which is not Docker Hub"),
                refused("localhost:5000/myname", null, "host 'localhost', which is not Docker Hub"),
                refused("hub.docker.com/u/myname", "docker.io/myname", "Docker Hub's website"),
                refused("hub.docker.com/r/myname/app", "docker.io/myname", "Docker Hub's website"),
                refused("hub.docker.com", null, "Docker Hub's website"),
                refused("docker.io:443/myname", "docker.io/myname", "has port 443"),
                refused("abc", null, "namespace 'abc'", DockerHubUris.NAMESPACE_RULE),
                refused("a234567890123456789012345678901", null, "namespace 'a2345", DockerHubUris.NAMESPACE_RULE),
                refused("my-name", null, "namespace 'my-name'", "lower-case letters and digits"),
                refused("docker.io/my_name", null, "namespace 'my_name'"),
                refused("my.name/app", null, "host 'my.name', which is not Docker Hub"),
                refused("library", null, "Docker Official Images"),
                refused("docker.io/library", null, "Docker Official Images"),
                refused("MyName", "docker.io/myname", "reads as a host only because it has upper case"),
                refused("docker.io/MyName", "docker.io/myname", "'MyName' with upper case"),
                refused("MyName/App", "docker.io/myname", "upper case"),
                refused("https://docker.io/myname", "docker.io/myname", "has a scheme"),
                refused("myname:latest", null, "carries no tag"),
                refused("docker.io/myname:latest", "docker.io/myname", "carries a tag"));
    }

    private static Arguments refused(String uri, String hint, String... fragments) {
        return Arguments.of(uri, hint, List.of(fragments));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> flavor.normalizeUri(uri));
        assertThat(invalid).as("'%s' should be refused", uri).isNotNull();
        assertThat(invalid.uri()).isEqualTo(uri);
        assertThat(invalid.reason()).contains(fragments);
        assertThat(invalid.hint().orElse(null)).isEqualTo(hint);
        if (hint != null) {
            assertThat(flavor.normalizeUri(hint)).isEqualTo(hint);
        }
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("dockerhub");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://docs.docker.com/docker-hub/");
    }
}
