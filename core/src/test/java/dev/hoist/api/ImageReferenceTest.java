package dev.hoist.api;

import dev.hoist.spi.HoistException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The distribution grammar and ParseNormalizedNamed normalisation, case by case. Many inputs are the
 * published examples of distribution's own test suites (normalize_test.go, reference_test.go),
 * written here as tables of what Docker makes of them.
 */
class ImageReferenceTest {

    // Digests of each supported size; the first 16 characters hold every hex digit.
    private static final String HEX64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String HEX96 = HEX64 + "0123456789abcdef0123456789abcdef";
    private static final String HEX128 = HEX64 + HEX64;
    private static final String SHA256 = "sha256:" + HEX64;

    static Stream<Arguments> validReferences() {
        return Stream.of(
                // input, registry, repository, tag (null: none), digest (null: none)
                // Docker Hub: no domain, library/ for one element, index.docker.io folded in.
                valid("ubuntu", "docker.io", "library/ubuntu", null, null),
                valid("ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", null),
                valid("docker.io/library/ubuntu:22.04", "docker.io", "library/ubuntu", "22.04", null),
                valid("docker.io/ubuntu", "docker.io", "library/ubuntu", null, null),
                valid("index.docker.io/ubuntu", "docker.io", "library/ubuntu", null, null),
                valid("index.docker.io/docker/docker", "docker.io", "docker/docker", null, null),
                valid("docker/docker", "docker.io", "docker/docker", null, null),
                valid("library/debian", "docker.io", "library/debian", null, null),
                valid("docker.io/library", "docker.io", "library/library", null, null),
                valid("library/foo/bar", "docker.io", "library/foo/bar", null, null),
                valid("other/library", "docker.io", "other/library", null, null),
                valid("test_com/foo", "docker.io", "test_com/foo", null, null),
                // Without a '/' nothing is a domain, however host-like.
                valid("localhost:5000", "docker.io", "library/localhost", "5000", null),
                valid("example.com", "docker.io", "library/example.com", null, null),
                valid("test.com:tag", "docker.io", "library/test.com", "tag", null),
                valid("192.168.0.1", "docker.io", "library/192.168.0.1", null, null),
                valid("192.168.0.1:80", "docker.io", "library/192.168.0.1", "80", null),
                valid("foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", null),
                valid("sha256:" + HEX64, "docker.io", "library/sha256", HEX64, null),
                // Domains: '.', ':', localhost, or upper case; kept as written.
                valid("localhost/app", "localhost", "app", null, null),
                valid("LOCALHOST/app", "LOCALHOST", "app", null, null),
                valid("localhost:5000/team/app:1.0", "localhost:5000", "team/app", "1.0", null),
                valid("127.0.0.1:5000/docker/docker", "127.0.0.1:5000", "docker/docker", null, null),
                valid("192.168.0.1:8/debian", "192.168.0.1:8", "debian", null, null),
                valid("test:5000/repo", "test:5000", "repo", null, null),
                valid("test-com:8080/foo", "test-com:8080", "foo", null, null),
                valid("Foo/bar", "Foo", "bar", null, null),
                valid("FOO/bar:1", "FOO", "bar", "1", null),
                valid("Example.COM:443/app", "Example.COM:443", "app", null, null),
                valid("Docker.io/foo", "Docker.io", "foo", null, null),
                valid("docker.io:443/foo", "docker.io:443", "foo", null, null),
                valid("localhost:05000/x", "localhost:05000", "x", null, null),
                valid("localhost:99999/x", "localhost:99999", "x", null, null),
                valid("xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo", null, null),
                valid("a--b.c/x", "a--b.c", "x", null, null),
                valid("sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux",
                        "some-long-tag", null),
                valid("b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io", "test.example.com/my-app",
                        "test.example.com", null),
                // IPv6 in brackets.
                valid("[2001:db8::1]/repo", "[2001:db8::1]", "repo", null, null),
                valid("[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", null),
                valid("[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", null, null),
                valid("[::1]:5000/repo", "[::1]:5000", "repo", null, null),
                valid("[FC00::1]:5000/docker/docker", "[FC00::1]:5000", "docker/docker", null, null),
                // Path components and their separators.
                valid("docker-rules/docker", "docker.io", "docker-rules/docker", null, null),
                valid("docker---rules/docker", "docker.io", "docker---rules/docker", null, null),
                valid("dock__er/docker", "docker.io", "dock__er/docker", null, null),
                valid("docker/a.b_c-d--e__f/0.9", "docker.io", "docker/a.b_c-d--e__f/0.9", null, null),
                valid("d/docker", "docker.io", "d/docker", null, null),
                valid("jess/t", "docker.io", "jess/t", null, null),
                // Names that are almost image IDs are names.
                valid("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io",
                        "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", null, null),
                valid(HEX64.substring(1), "docker.io", "library/" + HEX64.substring(1), null, null),
                valid(HEX64 + "0", "docker.io", "library/" + HEX64 + "0", null, null),
                valid("docker.io/" + HEX64, "docker.io", "library/" + HEX64, null, null),
                valid(HEX64 + ":latest", "docker.io", "library/" + HEX64, "latest", null),
                // Tags: word characters first, may have upper case, up to 128 characters.
                valid("lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", null),
                valid("app:_x", "docker.io", "library/app", "_x", null),
                valid("app:1.0-rc_1", "docker.io", "library/app", "1.0-rc_1", null),
                valid("app:" + "t".repeat(128), "docker.io", "library/app", "t".repeat(128), null),
                // Digests: sha256, sha384, sha512 with their exact lengths.
                valid("busybox:latest@" + SHA256, "docker.io", "library/busybox", "latest", SHA256),
                valid("test:5000/repo@" + SHA256, "test:5000", "repo", null, SHA256),
                valid("[2001:db8::1]:5000/repo:tag@" + SHA256, "[2001:db8::1]:5000", "repo", "tag", SHA256),
                valid("ghcr.io/owner/app@sha384:" + HEX96, "ghcr.io", "owner/app", null, "sha384:" + HEX96),
                valid("xn--7o8h.com/myimage:xn--7o8h.com@sha512:" + HEX128, "xn--7o8h.com", "myimage",
                        "xn--7o8h.com", "sha512:" + HEX128),
                valid("registry.example.com:5000/a/b/c:tag@" + SHA256, "registry.example.com:5000", "a/b/c",
                        "tag", SHA256),
                // Length: the normalised repository is at most 255 characters.
                valid("a/".repeat(127) + "a:tag-puts-this-over-max", "docker.io", "a/".repeat(127) + "a",
                        "tag-puts-this-over-max", null),
                valid("x".repeat(247), "docker.io", "library/" + "x".repeat(247), null, null),
                valid("docker.io/" + "x".repeat(247), "docker.io", "library/" + "x".repeat(247), null, null),
                valid("example.com/" + "x".repeat(255), "example.com", "x".repeat(255), null, null),
                // The domain has no length limit in the grammar.
                valid("a.".repeat(200) + "a/x", "a.".repeat(200) + "a", "x", null, null));
    }

    private static Arguments valid(String input, String registry, String repository, String tag, String digest) {
        return Arguments.of(input, registry, repository, tag, digest);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validReferences")
    void validReferencesParseAndNormalise(String input, String registry, String repository, String tag, String digest) {
        ImageReference reference = ImageReference.parse(input);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(java.util.Optional.ofNullable(tag));
        assertThat(reference.digest()).isEqualTo(java.util.Optional.ofNullable(digest));
        String canonical = registry + "/" + repository + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
        assertThat(reference.canonical()).isEqualTo(canonical);
        assertThat(reference).hasToString(canonical);
        assertThat(reference.name()).isEqualTo(registry + "/" + repository);
        assertThat(ImageReference.parse(canonical)).isEqualTo(reference).hasSameHashCodeAs(reference);
    }

    static Stream<Arguments> invalidReferences() {
        String tooLongTag = "foo:" + "t".repeat(129);
        return Stream.of(
                // input, part, position, fragment of the reason
                invalid("", ReferencePart.WHOLE, 0, "empty"),
                invalid(HEX64, ReferencePart.WHOLE, 0, "cannot specify 64-byte hexadecimal strings"),
                // Path.
                invalid(":justtag", ReferencePart.PATH, 0, "no repository name before ':'"),
                invalid("@" + SHA256, ReferencePart.PATH, 0, "no repository name before '@'"),
                invalid("-docker", ReferencePart.PATH, 0, "must start with a lower-case letter or digit"),
                invalid("-docker/docker", ReferencePart.PATH, 0, "must start with"),
                invalid("docker-/docker", ReferencePart.PATH, 7, "separator must be followed"),
                invalid("-docker-/docker", ReferencePart.PATH, 0, "must start with"),
                invalid("____/____", ReferencePart.PATH, 0, "must start with"),
                invalid("_docker/_docker", ReferencePart.PATH, 0, "must start with"),
                invalid("docker/dock..er", ReferencePart.PATH, 12, "cannot follow the separator"),
                invalid("docker/dock_.er", ReferencePart.PATH, 12, "cannot follow the separator"),
                invalid("docker/dock-.er", ReferencePart.PATH, 12, "cannot follow the separator"),
                // With a '.' the first element is a domain, so the same mistakes there are domain errors.
                invalid("dock..er/docker", ReferencePart.DOMAIN, 5, "cannot be empty"),
                invalid("dock_.er/docker", ReferencePart.DOMAIN, 4, "'_' cannot appear in a host name"),
                invalid("dock-.er/docker", ReferencePart.DOMAIN, 4, "cannot end with '-'"),
                invalid("a___b", ReferencePart.PATH, 3, "cannot follow the separator"),
                invalid("a-_b", ReferencePart.PATH, 2, "cannot follow the separator"),
                invalid("a.:tag", ReferencePart.PATH, 2, "separator must be followed"),
                invalid("a-", ReferencePart.PATH, 2, "separator must be followed"),
                invalid("docker/", ReferencePart.PATH, 7, "ends with '/'"),
                invalid("docker///docker", ReferencePart.PATH, 7, "cannot be empty"),
                invalid("docker.io/docker///docker", ReferencePart.PATH, 17, "cannot be empty"),
                invalid("localhost/", ReferencePart.PATH, 10, "cannot be empty"),
                invalid("/docker", ReferencePart.PATH, 0, "cannot be empty"),
                invalid("docker/Docker", ReferencePart.PATH, 7, "must be lower case"),
                invalid("docker.io/docker/Docker", ReferencePart.PATH, 17, "must be lower case"),
                invalid("Uppercase:tag", ReferencePart.PATH, 0, "must be lower case"),
                invalid("Foo/Bar", ReferencePart.PATH, 4, "must be lower case"),
                invalid("test:5000/Uppercase/lowercase:tag", ReferencePart.PATH, 10, "must be lower case"),
                invalid("aa/asdf$$^/aa", ReferencePart.PATH, 7, "'$' is not allowed"),
                invalid("foo bar", ReferencePart.PATH, 3, "(U+0020) is not allowed"),
                invalid(" ubuntu", ReferencePart.PATH, 0, "is not allowed"),
                invalid("foo/bar\n", ReferencePart.PATH, 7, "'\\n' (U+000A) is not allowed"),
                invalid("caf\u00e9/x", ReferencePart.PATH, 3, "(U+00E9) is not allowed"),
                invalid("[fc00::1]", ReferencePart.PATH, 0, "'[' is not allowed"),
                invalid("[fc00::1]:5000", ReferencePart.PATH, 0, "'[' is not allowed"),
                invalid("[abcd]/x", ReferencePart.PATH, 0, "'[' is not allowed"),
                invalid("\ud83d\udc33/x", ReferencePart.PATH, 0, "(U+1F433) is not allowed"),
                invalid("\ud800", ReferencePart.PATH, 0, "(U+D800) is not allowed"),
                // Path length: 255 after normalisation, read no further than that.
                invalid("a/".repeat(128) + "a:tag", ReferencePart.PATH, 255, "at most 255 characters"),
                invalid("x".repeat(248), ReferencePart.PATH, 247, "(this one has 256)"),
                invalid("docker.io/" + "x".repeat(248), ReferencePart.PATH, 257, "at most 255 characters"),
                invalid("example.com/" + "x".repeat(256), ReferencePart.PATH, 267, "at most 255 characters"),
                invalid("a" + "-".repeat(50_000) + "!", ReferencePart.PATH, 255, "at most 255 characters"),
                // Domain.
                invalid("https://github.com/docker/docker", ReferencePart.DOMAIN, 6, "followed by a port number"),
                invalid("-docker.io/docker/docker", ReferencePart.DOMAIN, 0, "must start with a letter or digit"),
                invalid("a-.b/c", ReferencePart.DOMAIN, 1, "cannot end with '-'"),
                invalid(".foo.com/x", ReferencePart.DOMAIN, 0, "cannot be empty"),
                invalid("foo..com/x", ReferencePart.DOMAIN, 4, "cannot be empty"),
                invalid("foo.com./x", ReferencePart.DOMAIN, 8, "cannot be empty"),
                // distribution reads these as a path with an empty domain; here they are bad domains.
                invalid("foo_bar.com/x", ReferencePart.DOMAIN, 3, "'_' cannot appear in a host name"),
                invalid("a.b_c/x", ReferencePart.DOMAIN, 3, "'_' cannot appear in a host name"),
                invalid("CAF\u00c9/x", ReferencePart.DOMAIN, 3, "(U+00C9) cannot appear in a host name"),
                invalid("Foo Bar/x", ReferencePart.DOMAIN, 3, "cannot appear in a host name"),
                invalid("fc00::1:5000/debian", ReferencePart.DOMAIN, 5, "followed by a port number"),
                invalid("host:/x", ReferencePart.DOMAIN, 5, "followed by a port number"),
                invalid("host:50a0/x", ReferencePart.DOMAIN, 7, "digits only"),
                invalid("localhost:5000:6000/x", ReferencePart.DOMAIN, 14, "digits only"),
                invalid("[fe80::1%eth0]:5000/debian", ReferencePart.DOMAIN, 8, "'%' cannot appear in an IPv6 host"),
                invalid("[fe80::1%@invalidzone]:5000/repo", ReferencePart.DOMAIN, 8, "IPv6"),
                invalid("[2001:db8:3:4::192.0.2.33]:5000/debian", ReferencePart.DOMAIN, 18, "IPv6"),
                invalid("[::1/x", ReferencePart.DOMAIN, 4, "must be closed with ']'"),
                invalid("[]:5000/x", ReferencePart.DOMAIN, 1, "needs hex digits"),
                invalid("[::1]x/y", ReferencePart.DOMAIN, 5, "only ':' and a port may follow"),
                invalid("a.".repeat(50_000) + "-/x", ReferencePart.DOMAIN, 100_000, "must start with a letter"),
                // Tag.
                invalid("foo:", ReferencePart.TAG, 4, "must be followed by a tag"),
                invalid("foo:@" + SHA256, ReferencePart.TAG, 4, "must be followed by a tag"),
                invalid("foo:-x", ReferencePart.TAG, 4, "must start with a letter, digit or '_'"),
                invalid("foo:.x", ReferencePart.TAG, 4, "must start with a letter, digit or '_'"),
                invalid("foo:a/b", ReferencePart.DOMAIN, 4, "followed by a port number"),
                invalid("foo/bar:a/b", ReferencePart.TAG, 9, "'/' is not allowed in a tag"),
                invalid("foo:a:b", ReferencePart.TAG, 5, "':' is not allowed in a tag"),
                invalid("ubuntu:latest ", ReferencePart.TAG, 13, "is not allowed in a tag"),
                invalid("foo/bar:tag/baz", ReferencePart.TAG, 11, "'/' is not allowed in a tag"),
                invalid(tooLongTag, ReferencePart.TAG, 132, "at most 128 characters"),
                // Digest.
                invalid("foo@", ReferencePart.DIGEST, 4, "must be followed by a digest"),
                invalid("foo:bar@", ReferencePart.DIGEST, 8, "must be followed by a digest"),
                invalid("foo@sha256", ReferencePart.DIGEST, 10, "needs ':'"),
                invalid("foo@sha256:" + "0".repeat(31), ReferencePart.DIGEST, 42, "at least 32 hex digits"),
                invalid("repo@sha256:" + "f".repeat(34), ReferencePart.DIGEST, 46, "exactly 64 hex digits"),
                invalid("repo@sha256:" + HEX64 + "0", ReferencePart.DIGEST, 76, "exactly 64 hex digits"),
                invalid("repo@sha512:" + HEX64, ReferencePart.DIGEST, 76, "exactly 128 hex digits"),
                invalid("validname@invaliddigest:" + HEX64, ReferencePart.DIGEST, 10, "not supported"),
                invalid("repo@md5:" + "0".repeat(32), ReferencePart.DIGEST, 5, "not supported"),
                invalid("repo@SHA256:" + HEX64, ReferencePart.DIGEST, 5, "not supported"),
                invalid("repo@sha256+b64:" + HEX64, ReferencePart.DIGEST, 5, "not supported"),
                invalid("repo@sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT), ReferencePart.DIGEST, 22,
                        "must be lower case"),
                invalid("repo@sha256:" + HEX64.substring(1) + "g", ReferencePart.DIGEST, 75, "'g' is not a hex digit"),
                invalid("repo@sha256:" + HEX64 + "@x", ReferencePart.DIGEST, 76, "'@' is not a hex digit"),
                invalid("repo@sha256+:" + HEX64, ReferencePart.DIGEST, 12, "must start with a letter"),
                invalid("repo@1sha:" + HEX64, ReferencePart.DIGEST, 5, "must start with a letter"),
                invalid("repo@sha_256:" + HEX64, ReferencePart.DIGEST, 9, "must start with a letter"),
                invalid("repo@sha!256:" + HEX64, ReferencePart.DIGEST, 8, "not allowed in a digest algorithm"));
    }

    private static Arguments invalid(String input, ReferencePart part, int position, String reason) {
        return Arguments.of(input, part, position, reason);
    }

    @ParameterizedTest(name = "[{index}] {1} at {2}: {3}")
    @MethodSource("invalidReferences")
    void invalidReferencesNameThePartAndPosition(String input, ReferencePart part, int position, String reason) {
        InvalidImageReferenceException error =
                catchThrowableOfType(InvalidImageReferenceException.class, () -> ImageReference.parse(input));

        assertThat(error).as("parse(%s)", input).isNotNull();
        assertThat(error.part()).isEqualTo(part);
        assertThat(error.position()).isEqualTo(position);
        assertThat(error.reason()).contains(reason);
        assertThat(error.input()).isSameAs(input);
        assertThat(error.getMessage()).contains("at position " + position + ": ").contains(reason);
    }

    @Test
    void theMessageNamesThePartThePositionAndTheRule() {
        InvalidImageReferenceException error =
                catchThrowableOfType(InvalidImageReferenceException.class, () -> ImageReference.parse("foo/Bar:1"));

        assertThat(error).hasMessage("Invalid image reference 'foo/Bar:1': path component 'Bar' is invalid"
                + " at position 4: repository names must be lower case");
        assertThat(error).isInstanceOf(dev.hoist.spi.HoistException.class);
    }

    @Test
    void nullIsAnInvalidReference() {
        InvalidImageReferenceException error =
                catchThrowableOfType(InvalidImageReferenceException.class, () -> ImageReference.parse(null));

        assertThat(error.input()).isNull();
        assertThat(error.part()).isEqualTo(ReferencePart.WHOLE);
        assertThat(error.position()).isZero();
        assertThat(error).hasMessage("Invalid image reference null at position 0: no reference was given (null)");
    }

    @Test
    void hugeInputsAreQuotedShortAndInvisibleCharactersEscaped() {
        String huge = "a/".repeat(50_000) + "!";
        InvalidImageReferenceException error =
                catchThrowableOfType(InvalidImageReferenceException.class, () -> ImageReference.parse(huge));

        assertThat(error.input()).isSameAs(huge);
        assertThat(error.getMessage()).hasSizeLessThan(600).contains("(100001 characters)");

        InvalidImageReferenceException tab =
                catchThrowableOfType(InvalidImageReferenceException.class, () -> ImageReference.parse("a\tb"));
        assertThat(tab.getMessage()).startsWith("Invalid image reference 'a\\tb'").doesNotContain("\t");
    }

    @Test
    void spellingsOfOneImageAreEqual() {
        ImageReference expected = ImageReference.parse("docker.io/library/redis:7");

        for (String spelling : new String[] {"redis:7", "docker.io/redis:7", "index.docker.io/redis:7",
                "library/redis:7", "index.docker.io/library/redis:7"}) {
            assertThat(ImageReference.parse(spelling)).as(spelling).isEqualTo(expected).hasSameHashCodeAs(expected);
        }
        assertThat(ImageReference.parse("redis")).isNotEqualTo(expected);
        assertThat(ImageReference.parse("redis:7@" + SHA256)).isNotEqualTo(expected);
        assertThat(ImageReference.parse("Docker.io/redis:7")).isNotEqualTo(expected);
        assertThat(expected).isNotEqualTo("docker.io/library/redis:7");
    }

    @Test
    void tagAndDigestAreKeptTogether() {
        ImageReference reference = ImageReference.parse("busybox:latest@" + SHA256);

        assertThat(reference.tag()).contains("latest");
        assertThat(reference.digest()).contains(SHA256);
        assertThat(reference.canonical()).isEqualTo("docker.io/library/busybox:latest@" + SHA256);
        assertThat(ImageReference.parse("busybox").tag()).isEmpty();
    }
}
