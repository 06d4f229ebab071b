package dev.hoist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Properties of the parser over generated input: it never fails any other way than with an
 * {@link InvalidImageReferenceException}; it accepts exactly what {@link DistributionOracle}, a
 * regex transcription of distribution, accepts, and reads it the same; what it accepts reads back
 * the same from its canonical form; and ownership agrees with the canonical form's components.
 */
class ImageReferencePropertiesTest {

    /** Characters that matter to the grammar, so random strings reach deep into it. */
    private static final String GRAMMAR_CHARS = "abcxyz019ABCFZ._-/:@[]+";

    // --- anything goes in, only our exception comes out ---

    @Property(tries = 1000)
    void anyStringParsesOrIsRejectedWithAPositionInsideIt(@ForAll("noise") String input) {
        assertParsesOrIsRejectedCleanly(input);
    }

    @Property(tries = 500)
    void mutatedReferencesParseOrAreRejectedCleanly(@ForAll("mutatedReferences") String input) {
        assertParsesOrIsRejectedCleanly(input);
    }

    /** Accepts exactly what the regex oracle accepts, reads it the same, and fails only in the one way. */
    private static void assertParsesOrIsRejectedCleanly(String input) {
        Optional<DistributionOracle.Result> expected = DistributionOracle.parse(input);
        ImageReference reference;
        try {
            reference = ImageReference.parse(input);
        } catch (InvalidImageReferenceException rejected) {
            // Any other throwable escapes and fails the property.
            assertThat(expected).as("distribution accepts %s", input).isEmpty();
            assertThat(rejected.input()).isSameAs(input);
            assertThat(rejected.position()).isBetween(0, input.length());
            assertThat(rejected.getMessage()).contains("at position " + rejected.position());
            return;
        }
        assertThat(expected).as("distribution refuses %s", input).contains(DistributionOracle.Result.of(reference));
        assertThat(ImageReference.parse(reference.canonical())).isEqualTo(reference);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(GRAMMAR_CHARS).ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars(GRAMMAR_CHARS).ofMinLength(200).ofMaxLength(400));
    }

    /** A valid reference with one character inserted, removed or replaced. */
    @Provide
    Arbitrary<String> mutatedReferences() {
        return Combinators.combine(validReferences(), Arbitraries.integers().between(0, 1000),
                Arbitraries.of('a', 'A', '-', '.', '_', '/', ':', '@', '[', ']', ' ', '\u00e9'),
                Arbitraries.integers().between(0, 2)).as((input, at, c, kind) -> {
                    int i = at % (input.length() + 1);
                    return switch (kind) {
                        case 0 -> input.substring(0, i) + c + input.substring(i);
                        case 1 -> i == input.length() ? input : input.substring(0, i) + input.substring(i + 1);
                        default -> i == input.length() ? input + c : input.substring(0, i) + c + input.substring(i + 1);
                    };
                });
    }

    // --- generated valid references ---

    @Property(tries = 500)
    void validReferencesParseToWhatTheyWereBuiltFrom(@ForAll("validParts") Parts parts) {
        ImageReference reference = ImageReference.parse(parts.text());

        String registry = parts.host == null || parts.host.equals("index.docker.io") ? "docker.io" : parts.host;
        boolean official = registry.equals("docker.io") && parts.path.indexOf('/') < 0;
        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(official ? "library/" + parts.path : parts.path);
        assertThat(reference.tag().orElse(null)).isEqualTo(parts.tag);
        assertThat(reference.digest().orElse(null)).isEqualTo(parts.digest);
        assertThat(ImageReference.parse(reference.canonical())).isEqualTo(reference);
        assertThat(ImageReference.parse(reference.canonical()).canonical()).isEqualTo(reference.canonical());
        assertThat(DistributionOracle.parse(parts.text())).contains(DistributionOracle.Result.of(reference));
    }

    @Property(tries = 500)
    void aReferenceBelongsToEveryPrefixOfItsCanonicalName(@ForAll("validReferences") String input) {
        ImageReference reference = ImageReference.parse(input);
        String registry = reference.registry();
        List<String> components = Arrays.asList(reference.repository().split("/"));

        expect(reference, registry, true);
        expect(reference, registry + "0", false); // another host, or another port
        for (int k = 1; k <= components.size(); k++) {
            String prefix = String.join("/", components.subList(0, k));
            expect(reference, registry + "/" + prefix, true);
            expect(reference, registry + "/" + prefix + "/", true);

            // The same place with its last component changed: longer, a sibling, shorter.
            String last = components.get(k - 1);
            String parent = k == 1 ? registry : registry + "/" + String.join("/", components.subList(0, k - 1));
            expect(reference, parent + "/" + last + "x", false);
            expect(reference, parent + "/" + last + "-evil", false);
            if (last.length() > 1) {
                expect(reference, parent + "/" + last.substring(0, last.length() - 1), false);
            }
            if (registry.equals("docker.io") && !components.get(0).contains(".")) {
                // On Docker Hub the host may be left out.
                expect(reference, prefix, true);
            }
        }
        expect(reference, registry + "/" + reference.repository() + "/more", false);
    }

    /** A plain check: this runs thousands of times, and a failure names both sides. */
    private static void expect(ImageReference reference, String registryUri, boolean belongs) {
        if (reference.belongsTo(registryUri) != belongs) {
            throw new AssertionError(reference + (belongs ? " should belong to " : " should not belong to ") + registryUri);
        }
    }

    @Property(tries = 500)
    void theRepositoryLimitIsTwoHundredFiftyFiveAfterNormalisation(@ForAll("longPaths") String path,
            @ForAll("hostOrNone") String host) {
        String input = host.isEmpty() ? path : host + "/" + path;
        boolean official = (host.isEmpty() || host.equals("docker.io") || host.equals("index.docker.io"))
                && path.indexOf('/') < 0;
        int length = path.length() + (official ? "library/".length() : 0);
        try {
            ImageReference.parse(input);
            assertThat(length).isLessThanOrEqualTo(ImageReference.MAX_REPOSITORY_LENGTH);
        } catch (InvalidImageReferenceException rejected) {
            assertThat(length).isGreaterThan(ImageReference.MAX_REPOSITORY_LENGTH);
            assertThat(rejected.part()).isEqualTo(ReferencePart.PATH);
            assertThat(rejected.reason()).contains("at most 255");
        }
    }

    @Provide
    Arbitrary<String> longPaths() {
        // Lengths around the limit, made valid by turning each '/' that would leave an empty component into 'a'.
        Arbitrary<String> withSlashes = Arbitraries.strings().withChars("abc0/").ofMinLength(200).ofMaxLength(300)
                .map(ImageReferencePropertiesTest::withoutEmptyComponents);
        Arbitrary<String> oneElement = Arbitraries.strings().withChars("abc0").ofMinLength(240).ofMaxLength(260);
        return Arbitraries.oneOf(withSlashes, oneElement)
                .edgeCases(edges -> edges.add("a".repeat(247)).add("a".repeat(248)));
    }

    private static String withoutEmptyComponents(String path) {
        char[] chars = path.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] == '/' && (i == 0 || i == chars.length - 1 || chars[i - 1] == '/')) {
                chars[i] = 'a';
            }
        }
        return new String(chars);
    }

    @Provide
    Arbitrary<String> hostOrNone() {
        return Arbitraries.of("", "docker.io", "index.docker.io", "localhost:5000", "gcr.io");
    }

    // --- generators for valid references, built from the grammar ---

    /** The pieces of a valid reference; null for a piece left out. */
    record Parts(String host, String path, String tag, String digest) {
        String text() {
            return (host == null ? "" : host + "/") + path + (tag == null ? "" : ":" + tag)
                    + (digest == null ? "" : "@" + digest);
        }
    }

    @Provide
    Arbitrary<String> validReferences() {
        return validParts().map(Parts::text);
    }

    @Provide
    Arbitrary<Parts> validParts() {
        return Combinators.combine(host().injectNull(0.3), path(), tag().injectNull(0.5), digest().injectNull(0.6))
                .as(Parts::new)
                // Without a host, a first component with '.' would read as a domain.
                .filter(parts -> parts.host != null || !parts.path.split("/")[0].contains("."));
    }

    private Arbitrary<String> host() {
        Arbitrary<String> port = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5).map(p -> ":" + p);
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').ofLength(1),
                Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withChars("-0").ofMaxLength(6),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofLength(1))
                        .as((a, b, c) -> a + b + c));
        // Two or more labels, or one with a port, or localhost: each reads as a domain.
        Arbitrary<String> dotted = label.list().ofMinSize(2).ofMaxSize(4).map(list -> String.join(".", list));
        Arbitrary<String> named = Arbitraries.oneOf(
                Combinators.combine(dotted, port.injectNull(0.5)).as((h, p) -> p == null ? h : h + p),
                Combinators.combine(label, port).as((h, p) -> h + p));
        // With a ':' inside, as every IPv6 address has: '[abcd]' alone would read as a path.
        Arbitrary<String> hexOrColons = Arbitraries.strings().withChars("0123456789abcdefABCDEF:").ofMaxLength(10);
        Arbitrary<String> ipv6 = Combinators.combine(hexOrColons, hexOrColons, port.injectNull(0.5))
                .as((before, after, p) -> "[" + before + ":" + after + "]" + (p == null ? "" : p));
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(octets -> String.join(".", octets.stream().map(String::valueOf).toList()));
        return Arbitraries.oneOf(named, ipv6, ipv4,
                Arbitraries.of("docker.io", "index.docker.io", "localhost", "localhost:5000", "Docker.io", "UPPER"));
    }

    private Arbitrary<String> path() {
        Arbitrary<String> alnum = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> separator = Arbitraries.of(".", "_", "__", "-", "--", "---");
        Arbitrary<String> component = Combinators.combine(alnum, Combinators.combine(separator, alnum)
                .as(String::concat).list().ofMaxSize(2))
                .as((first, rest) -> first + String.join("", rest));
        return component.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join("/", list))
                // Exactly 64 lower-case hex characters would be an image ID.
                .filter(path -> !path.matches("[0-9a-f]{64}"));
    }

    private Arbitrary<String> tag() {
        // Length shrinks; the characters come straight from a Random, far cheaper than one draw each.
        String first = "abcxyzABCXYZ0189_";
        String rest = first + ".-";
        return Combinators.combine(Arbitraries.integers().between(0, 127).withDistribution(RandomDistribution.biased()),
                Arbitraries.randoms()).as((length, random) -> {
                    StringBuilder tag = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
                    for (int i = 0; i < length; i++) {
                        tag.append(rest.charAt(random.nextInt(rest.length())));
                    }
                    return tag.toString();
                });
    }

    private Arbitrary<String> digest() {
        // Hex digits carry no structure worth shrinking: draw them straight from a Random, which is cheap.
        return Combinators.combine(Arbitraries.of("sha256", "sha384", "sha512"), Arbitraries.randoms())
                .as((algorithm, random) -> {
                    int length = algorithm.equals("sha256") ? 64 : algorithm.equals("sha384") ? 96 : 128;
                    StringBuilder hex = new StringBuilder(algorithm).append(':');
                    for (int i = 0; i < length; i++) {
                        hex.append(Character.forDigit(random.nextInt(16), 16));
                    }
                    return hex.toString();
                });
    }
}
