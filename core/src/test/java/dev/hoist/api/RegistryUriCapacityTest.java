package dev.hoist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.api.ImageReference;
import dev.hoist.api.InvalidImageReferenceException;
import dev.hoist.spi.InvalidRegistryUriException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 item 8: a registry URI under which no image name can be valid is refused with the
 * reason. An image's repository path (after the domain, after normalisation) is at most 255
 * characters, so the URI's own path must fit, and a one-element Docker Hub namespace must leave room
 * for {@code /x}. Each row is also checked against the reference parser: the shortest image under
 * an accepted URI parses and belongs to it; under a refused URI it does not parse.
 */
class RegistryUriCapacityTest {

    /** {@code HOST} is the host part (may be empty), {@code PATH} a path of {@code length} characters in {@code parts} components. */
    @ParameterizedTest(name = "[{index}] host ''{0}'', path of {1} chars in {2} components: valid={3}")
    @CsvSource(textBlock = """
            localhost:5000,       255, 1, true
            localhost:5000,       256, 1, false
            localhost:5000,       255, 4, true
            localhost:5000,       256, 4, false
            registry.example.com, 255, 2, true
            registry.example.com, 300, 2, false
            ghcr.io,              256, 3, false
            '',                   255, 2, true
            '',                   256, 2, false
            '',                   253, 1, true
            '',                   254, 1, false
            '',                   255, 1, false
            docker.io,            253, 1, true
            docker.io,            254, 1, false
            docker.io,            255, 2, true
            docker.io,            256, 2, false
            index.docker.io,      253, 1, true
            index.docker.io,      254, 1, false
            registry-1.docker.io, 255, 1, true
            registry-1.docker.io, 256, 1, false
            """)
    void aUriIsAcceptedExactlyWhenSomeImageUnderItIsValid(String host, int length, int parts, boolean valid) {
        String path = path(length, parts);
        String uri = host.isEmpty() ? path : host + "/" + path;
        // The shortest image the URI can hold: the URI itself, or '<namespace>/x' on Docker Hub.
        boolean hubNamespace = parts == 1 && (host.isEmpty() || host.equals("docker.io") || host.equals("index.docker.io"));
        String shortestImage = hubNamespace ? uri + "/x" : uri;
        if (valid) {
            assertThat(RegistryUri.parse(uri).normalized()).isEqualTo(uri);
            assertThat(ImageReference.parse(shortestImage).belongsTo(uri)).isTrue();
        } else {
            InvalidRegistryUriException refused = catchThrowableOfType(InvalidRegistryUriException.class,
                    () -> RegistryUri.parse(uri));
            assertThat(refused).as(uri).isNotNull();
            assertThat(refused.reason()).startsWith("Registry URI '" + uri + "' ")
                    .contains(" characters, but an image's repository path is at most 255 characters (distribution"
                            + " reference grammar), so no image can be pushed under it.")
                    .contains(hubNamespace ? "names a Docker Hub namespace of " + length + " characters"
                            : "has a repository path (the part after the host) of " + length + " characters");
            assertThat(refused.hint()).isEmpty();
            assertThatThrownBy(() -> ImageReference.parse(shortestImage)).isInstanceOf(InvalidImageReferenceException.class);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            a
            a.b
            localhost:5000
            """)
    void aLongHostDoesNotCountBecauseTheDomainIsNotPartOfTheRepositoryPath(String tld) {
        String host = ("h".repeat(60) + ".").repeat(5) + tld;
        assertThat(RegistryUri.parse(host + "/" + path(255, 3)).path()).hasSize(3);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            https://localhost:5000/
            localhost:5000/UPPER/
            """)
    void aHintIsNeverALongPathThatWouldBeRefused(String prefix) {
        // Without the rule the hint would be the normal form of a URI that can hold no image.
        String uri = prefix + path(256, 1);
        InvalidRegistryUriException refused = catchThrowableOfType(InvalidRegistryUriException.class, () -> RegistryUri.parse(uri));
        assertThat(refused).isNotNull();
        assertThat(refused.hint()).isEmpty();
    }

    /** A path of {@code length} characters in {@code parts} components of lower-case letters. */
    private static String path(int length, int parts) {
        int letters = length - (parts - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                out.append('/');
            }
            int size = letters / parts + (i < letters % parts ? 1 : 0);
            out.append(String.valueOf((char) ('a' + i)).repeat(size));
        }
        assertThat(out).hasSize(length);
        return out.toString();
    }
}
