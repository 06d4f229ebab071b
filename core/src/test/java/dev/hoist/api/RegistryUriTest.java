package dev.hoist.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hoist.spi.InvalidRegistryUriException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every flavor shares, case by case. */
class RegistryUriTest {

    private static final String DIGEST = "@sha256:" + "0".repeat(64);

    static Stream<Arguments> validUris() {
        return Stream.of(
                // input, normal form, host (null: none), port (null: none), path
                valid("localhost:5000", "localhost:5000", "localhost", 5000),
                valid("localhost:5000/", "localhost:5000", "localhost", 5000),
                valid("localhost:5000///", "localhost:5000", "localhost", 5000),
                valid("localhost", "localhost", "localhost", null),
                valid("localhost/team", "localhost/team", "localhost", null, "team"),
                valid("LocalHost:5000/team", "localhost:5000/team", "localhost", 5000, "team"),
                valid("Registry.Example.COM:5000/team/app", "registry.example.com:5000/team/app",
                        "registry.example.com", 5000, "team", "app"),
                valid("127.0.0.1:5000/group/project", "127.0.0.1:5000/group/project", "127.0.0.1", 5000,
                        "group", "project"),
                valid("[::1]:5000/team", "[::1]:5000/team", "[::1]", 5000, "team"),
                valid("[FE80::1]", "[fe80::1]", "[fe80::1]", null),
                valid("[2001:db8::1]:443/a/b", "[2001:db8::1]:443/a/b", "[2001:db8::1]", 443, "a", "b"),
                valid("myhost:1", "myhost:1", "myhost", 1),
                valid("myhost:65535/x", "myhost:65535/x", "myhost", 65535, "x"),
                valid("Team:5000/app", "team:5000/app", "team", 5000, "app"),
                valid("a.b-c.d/x", "a.b-c.d/x", "a.b-c.d", null, "x"),
                valid("x1.y2.z3/0/1", "x1.y2.z3/0/1", "x1.y2.z3", null, "0", "1"),
                valid("registry.io/a.b_c__d-e---f", "registry.io/a.b_c__d-e---f", "registry.io", null,
                        "a.b_c__d-e---f"),
                valid("team", "team", null, null, "team"),
                valid("team/", "team", null, null, "team"),
                valid("my-team/app_1/x.y", "my-team/app_1/x.y", null, null, "my-team", "app_1", "x.y"),
                valid("a/b/c/d/e", "a/b/c/d/e", null, null, "a", "b", "c", "d", "e"),
                valid("9/0", "9/0", null, null, "9", "0"));
    }

    private static Arguments valid(String input, String normal, String host, Integer port, String... path) {
        return Arguments.of(input, normal, host, port, List.of(path));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("validUris")
    void validUrisParseToTheirNormalForm(String input, String normal, String host, Integer port, List<String> path) {
        RegistryUri uri = RegistryUri.parse(input);
        assertThat(uri.normalized()).isEqualTo(normal);
        assertThat(uri.host().orElse(null)).isEqualTo(host);
        assertThat(uri.port().orElse(null)).isEqualTo(port);
        assertThat(uri.path()).isEqualTo(path);
        assertThat(uri.hostAndPort().orElse(null)).isEqualTo(host == null ? null : port == null ? host : host + ":" + port);
        // The normal form reads back as the same place.
        assertThat(RegistryUri.parse(normal)).isEqualTo(uri);
    }

    static Stream<Arguments> invalidUris() {
        return Stream.of(
                // input, hint (null: none), fragments of the reason
                invalid("", null, "is empty"),
                invalid("   ", null, "whitespace at position 0"),
                invalid(" localhost:5000 ", "localhost:5000", "whitespace at position 0"),
                invalid("localhost:5000/ team", "localhost:5000/team", "whitespace at position 15"),
                invalid("localhost:5000/te am", null, "whitespace at position 17"),
                invalid("localhost:5000/team\u00a0", "localhost:5000/team", "whitespace at position 19"),
                invalid("localhost:5000/te\tam", null, "whitespace"),
                invalid("http://localhost:5000/", "localhost:5000", "has a scheme ('http://')"),
                invalid("HTTPS://Registry.Example.com/Team", "registry.example.com/team", "has a scheme ('HTTPS://')"),
                invalid("https://", null, "has a scheme"),
                invalid("localhost:5000/app:1.0", "localhost:5000/app", "carries a tag (':1.0')"),
                invalid("localhost:5000/app" + DIGEST, "localhost:5000/app", "carries a digest ('@sha256:"),
                invalid("https://localhost:5000/App:1.0" + DIGEST, "localhost:5000/app", "has a scheme"),
                invalid("localhost:5000/a:1/b", null, "has ':' in path component 'a:1'"),
                invalid("app:latest", null, "port 'latest'", "carries no tag"),
                invalid("user@registry.example.com/team", "registry.example.com/team", "'@' in its first element",
                        "no user name"),
                invalid("localhost:5000/Team", "localhost:5000/team", "path component 'Team' with upper case"),
                invalid("localhost:5000/Team/App", "localhost:5000/team/app", "path component 'Team' with upper case"),
                invalid("localhost:5000/App_", null, "path component 'App_' with upper case"),
                invalid("localhost:5000/ÉQUIPE", null, "with upper case"),
                invalid("Team/app", "team/app", "reads as a host only because it has upper case", "Docker Hub namespace"),
                invalid("TEAM", "team", "reads as a host only because it has upper case"),
                invalid("localhost:5000//app", "localhost:5000/app", "empty path component at position 15"),
                invalid("/team/app", "team/app", "starts with '/'"),
                invalid("///", null, "nothing but slashes"),
                invalid("localhost:0", null, "port '0'", "1 to 65535"),
                invalid("localhost:65536/x", null, "port '65536'", "1 to 65535"),
                invalid("localhost:123456", null, "port '123456'"),
                invalid("localhost:", null, "':' but no port"),
                invalid("localhost:05000/app", "localhost:5000/app", "port '05000' with a leading zero"),
                invalid(":5000/x", null, "an empty host"),
                invalid("-bad.example.com/x", null, "component '-bad'"),
                invalid("bad-.example.com", null, "component 'bad-'"),
                invalid("example..com/x", null, "component ''"),
                invalid("under_score.example.com/x", null, "component 'under_score'"),
                invalid("café.example.com/x", null, "component 'café'"),
                invalid("[::1/x", null, "never closes it with ']'"),
                invalid("[::1]x/y", null, "text after the IPv6 host"),
                invalid("[::g]", null, "not an IPv6 address"),
                invalid("[127.0.0.1]:5000", null, "not an IPv6 address"),
                invalid("[]", null, "path component '[]'"),
                invalid("localhost:5000/a..b", null, "path component 'a..b', invalid at position 17"),
                invalid("localhost:5000/a-", null, "path component 'a-'"),
                invalid("localhost:5000/_a", null, "path component '_a', invalid at position 15"),
                invalid("localhost:5000/a___b", null, "path component 'a___b'"),
                invalid("registry.example.com/équipe", null, "path component 'équipe'"),
                invalid("localhost:5000/a%20b", null, "path component 'a%20b'"));
    }

    private static Arguments invalid(String input, String hint, String... fragments) {
        return Arguments.of(input, hint, List.of(fragments));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("invalidUris")
    void invalidUrisSayWhatIsWrongAndWhatWasMeant(String input, String hint, List<String> fragments) {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> RegistryUri.parse(input));
        assertThat(invalid).as("'%s' should be refused", input).isNotNull();
        assertThat(invalid.uri()).isEqualTo(input);
        assertThat(invalid.reason()).contains(fragments);
        assertThat(invalid.hint().orElse(null)).isEqualTo(hint);
        if (hint != null) {
            assertThat(invalid.getMessage()).endsWith("Did you mean '" + hint + "'?");
            // A hint is never a second mistake: it parses, and is already in normal form.
            assertThat(RegistryUri.parse(hint).normalized()).isEqualTo(hint);
        } else {
            assertThat(invalid.getMessage()).isEqualTo(invalid.reason());
        }
    }

    @Test
    void nullIsRefusedLikeEmpty() {
        assertThatThrownBy(() -> RegistryUri.parse(null))
                .isInstanceOf(InvalidRegistryUriException.class)
                .hasMessageContaining("is empty");
    }

    @ParameterizedTest(name = "firstPathComponentError({0}) = {1}")
    @CsvSource({
        "a, -1",
        "a0.b_c__d-e--f, -1",
        "'', 0",
        "-a, 0",
        "a-, 1",
        "a__, 2",
        "a..b, 2",
        "a___b, 3",
        "aB, 1",
        "a/b, 1",
    })
    void pathComponentGrammar(String component, int error) {
        assertThat(RegistryUri.firstPathComponentError(component)).isEqualTo(error);
    }

    @Test
    void stripTrailingSlashesLeavesOtherSlashes() {
        assertThat(RegistryUri.stripTrailingSlashes("a//b///")).isEqualTo("a//b");
        assertThat(RegistryUri.stripTrailingSlashes("///")).isEmpty();
    }

    @Test
    void hostileInputCostsLinearTime() {
        // Inputs that make a backtracking matcher explode: long separator runs that fail at the end.
        String separators = "a" + "-".repeat(500_000) + "_";
        String components = "a/".repeat(200_000) + "A";
        String hosts = "a.".repeat(200_000) + "-";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (String hostile : List.of("localhost:5000/" + separators, components, hosts + "/x")) {
                assertThatThrownBy(() -> RegistryUri.parse(hostile)).isInstanceOf(InvalidRegistryUriException.class);
            }
        });
    }
}
