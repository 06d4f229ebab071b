package dev.hoist.flavor.dockerhub;

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
                refusal("docker.io", null, "names no namespace", "'docker.io/<namespace>'"),
                refusal("index.docker.io/", null, "names no namespace"),
                refusal("docker.io/myname/app", "docker.io/myname", "has 2 path components", "exactly one namespace"),
                refusal("myname/app", "docker.io/myname", "exactly one namespace"),
                refusal("myname/team/app", "docker.io/myname", "has 3 path components"),
                refusal("quay.io/myname", null, "host 'quay.io', which is not Docker Hub"),
                refusal("localhost:5000/myname", null, "host 'localhost', which is not Docker Hub"),
                refusal("hub.docker.com/u/myname", "docker.io/myname", "Docker Hub's website"),
                refusal("hub.docker.com/r/myname/app", "docker.io/myname", "Docker Hub's website"),
                refusal("hub.docker.com", null, "Docker Hub's website"),
                refusal("docker.io:443/myname", "docker.io/myname", "has port 443"),
                refusal("abc", null, "namespace 'abc'", DockerHubUris.NAMESPACE_RULE),
                refusal("a234567890123456789012345678901", null, "namespace 'a2345", DockerHubUris.NAMESPACE_RULE),
                refusal("my-name", null, "namespace 'my-name'", "lower-case letters and digits"),
                refusal("docker.io/my_name", null, "namespace 'my_name'"),
                refusal("my.name/app", null, "host 'my.name', which is not Docker Hub"),
                refusal("library", null, "Docker Official Images"),
                refusal("docker.io/library", null, "Docker Official Images"),
                refusal("MyName", "docker.io/myname", "reads as a host only because it has upper case"),
                refusal("docker.io/MyName", "docker.io/myname", "'MyName' with upper case"),
                refusal("MyName/App", "docker.io/myname", "upper case"),
                refusal("https://docker.io/myname", "docker.io/myname", "has a scheme"),
                refusal("myname:latest", null, "carries no tag"),
                refusal("docker.io/myname:latest", "docker.io/myname", "carries a tag"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("dockerhub");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://docs.docker.com/docker-hub/");
    }
}
