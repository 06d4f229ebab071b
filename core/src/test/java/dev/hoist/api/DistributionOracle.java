package dev.hoist.api;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second, independent reading of distribution's {@code ParseNormalizedNamed}, written the way
 * distribution itself works: split the domain, lower-case check, then the grammar as regexes.
 * Slow and backtracking, so tests feed it only short strings; the property tests hold the
 * hand-written parser to it.
 */
final class DistributionOracle {

    private static final String ALNUM = "[a-z0-9]+";
    private static final String SEPARATOR = "(?:[._]|__|[-]+)";
    private static final String PATH_COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
    private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String HOST = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])";
    private static final String DOMAIN = HOST + "(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";

    private static final Pattern REFERENCE = Pattern.compile(
            "^((?:" + DOMAIN + "/)?" + PATH + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
    private static final Pattern NAME = Pattern.compile("^(?:(" + DOMAIN + ")/)?(" + PATH + ")$");
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");

    private DistributionOracle() {
    }

    /** What the oracle accepts: registry, repository, tag and digest (null when absent). */
    record Result(String registry, String repository, String tag, String digest) {
        static Result of(ImageReference reference) {
            return new Result(reference.registry(), reference.repository(), reference.tag().orElse(null),
                    reference.digest().orElse(null));
        }
    }

    /**
     * The reading of {@code s}, or empty when distribution refuses it. Where distribution would
     * answer with an empty domain (a first element such as {@code foo_bar.com}), this answers empty
     * too: Hoist refuses those on purpose.
     */
    static Optional<Result> parse(String s) {
        if (s == null || s.isEmpty() || IDENTIFIER.matcher(s).matches()) {
            return Optional.empty();
        }
        String domain;
        String remainder;
        int slash = s.indexOf('/');
        if (slash < 0) {
            domain = "docker.io";
            remainder = "library/" + s;
        } else {
            String first = s.substring(0, slash);
            String rest = s.substring(slash + 1);
            if (first.equals("localhost")) {
                domain = first;
                remainder = rest;
            } else if (first.equals("index.docker.io")) {
                domain = "docker.io";
                remainder = rest;
            } else if (first.contains(".") || first.contains(":") || !first.toLowerCase(Locale.ROOT).equals(first)) {
                domain = first;
                remainder = rest;
            } else {
                domain = "docker.io";
                remainder = s;
            }
            if (domain.equals("docker.io") && remainder.indexOf('/') < 0) {
                remainder = "library/" + remainder;
            }
        }
        int colon = remainder.indexOf(':');
        String remote = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            return Optional.empty();
        }

        Matcher reference = REFERENCE.matcher(domain + "/" + remainder);
        if (!reference.matches()) {
            return Optional.empty();
        }
        Matcher name = NAME.matcher(reference.group(1));
        if (!name.matches() || name.group(1) == null) {
            return Optional.empty();
        }
        String path = name.group(2);
        if (path.length() > 255) {
            return Optional.empty();
        }
        String digest = reference.group(3);
        if (digest != null && !validDigest(digest)) {
            return Optional.empty();
        }
        return Optional.of(new Result(name.group(1), path, reference.group(2), digest));
    }

    /** go-digest: a registered algorithm and exactly its length in lower-case hex. */
    private static boolean validDigest(String digest) {
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int length = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        return hex.length() == length && hex.matches("[a-f0-9]+");
    }
}
