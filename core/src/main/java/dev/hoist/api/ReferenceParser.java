package dev.hoist.api;

/**
 * The hand-written scanner behind {@link ImageReference#parse}: one left-to-right pass over the
 * input with a constant amount of state, no regex and no recursion, so hostile input costs time
 * linear in its length (and a path stops being read once it is past the length limit).
 *
 * <p>It accepts exactly what distribution's {@code ParseNormalizedNamed} accepts (with one
 * documented exception, see {@link ImageReference}), and reports the first offending character
 * from the left, where distribution would only say "invalid reference format".
 */
final class ReferenceParser {

    static final String DOCKER_HUB = RegistryNames.DOCKER_HUB;
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";

    // Path scanner states: what the last character allows next.
    private static final int COMPONENT_START = 0; // start, or just after '/': a letter or digit must come
    private static final int ALNUM = 1;           // after a letter or digit: anything may come
    private static final int DOT_OR_DOUBLE = 2;   // after '.' or '__': a letter or digit must come
    private static final int UNDERSCORE = 3;      // after one '_': a second '_', or a letter or digit
    private static final int DASH = 4;            // after '-': more '-', or a letter or digit

    private final String in;
    private final int n;

    private ReferenceParser(String in) {
        this.in = in;
        this.n = in.length();
    }

    static ImageReference parse(String input) {
        if (input == null) {
            throw new InvalidImageReferenceException(null, ReferencePart.WHOLE, 0, null, "no reference was given (null)");
        }
        return new ReferenceParser(input).run();
    }

    private ImageReference run() {
        if (n == 0) {
            throw whole("the reference is empty");
        }
        if (n == 64 && isLowerHexRun(0, 64)) {
            // Docker would read this as an image ID; distribution refuses it as a name so the two never mix.
            throw whole("a 64-character lower-case hexadecimal string is an image ID, not a repository name"
                    + " (cannot specify 64-byte hexadecimal strings)");
        }

        String registry = DOCKER_HUB;
        int pathStart = 0;
        int slash = in.indexOf('/');
        // Without a '/' there is no domain at all, so 'localhost:5000' is the image localhost, tag 5000.
        if (slash >= 0 && isDomainElement(slash)) {
            checkDomain(slash);
            String domain = in.substring(0, slash);
            registry = domain.equals(LEGACY_DOCKER_HUB) ? DOCKER_HUB : domain;
            pathStart = slash + 1;
        }

        int pathEnd = scanPath(pathStart);
        String path = in.substring(pathStart, pathEnd);
        // Official images: 'ubuntu' and 'docker.io/ubuntu' are 'docker.io/library/ubuntu'; other hosts keep one element.
        boolean official = registry.equals(DOCKER_HUB) && path.indexOf('/') < 0;
        String repository = official ? OFFICIAL_PREFIX + path : path;
        if (repository.length() > ImageReference.MAX_REPOSITORY_LENGTH) {
            int beyond = pathStart + ImageReference.MAX_REPOSITORY_LENGTH - (official ? OFFICIAL_PREFIX.length() : 0);
            throw tooLong(beyond, repository.length());
        }

        int i = pathEnd;
        String tag = null;
        if (i < n && in.charAt(i) == ':') {
            int tagEnd = scanTag(i + 1);
            tag = in.substring(i + 1, tagEnd);
            i = tagEnd;
        }
        String digest = null;
        if (i < n) {
            // scanPath and scanTag stop only at the end, ':' (path) or '@'.
            digest = scanDigest(i + 1);
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /**
     * distribution's rule for the text before the first '/': a domain when it has '.' or ':', is
     * exactly 'localhost', or is not all lower case (upper case is not allowed in a path, so it
     * must be a host). Lower case here is Go's {@code strings.ToLower}, which is Unicode-aware.
     */
    private boolean isDomainElement(int end) {
        if (end == 9 && in.startsWith("localhost")) {
            return true;
        }
        for (int i = 0; i < end; ) {
            int c = in.codePointAt(i);
            if (c == '.' || c == ':' || Character.toLowerCase(c) != c) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /** Checks {@code host [':' port]} over {@code [0, end)}; host is a dotted name or {@code [IPv6]}. */
    private void checkDomain(int end) {
        int i = 0;
        if (in.charAt(0) == '[') {
            i = 1;
            while (i < end && isHexOrColon(in.charAt(i))) {
                i++;
            }
            if (i == end) {
                throw domain(i, end, "an IPv6 host opened with '[' must be closed with ']'");
            }
            if (in.charAt(i) != ']') {
                throw domain(i, end, describe(i) + " cannot appear in an IPv6 host, which is hex digits and ':' in brackets");
            }
            if (i == 1) {
                throw domain(i, end, "an IPv6 host needs hex digits and ':' between '[' and ']'");
            }
            i++;
        } else {
            while (true) {
                if (i == end || !isAsciiAlnum(in.charAt(i))) {
                    throw domain(i, end, i == end || in.charAt(i) == '.' || in.charAt(i) == ':'
                            ? "a host name component cannot be empty"
                            : "a host name component must start with a letter or digit, not " + describe(i));
                }
                while (i < end && (isAsciiAlnum(in.charAt(i)) || in.charAt(i) == '-')) {
                    i++;
                }
                if (in.charAt(i - 1) == '-') {
                    throw domain(i - 1, end, "a host name component cannot end with '-'");
                }
                if (i < end && in.charAt(i) == '.') {
                    i++;
                    continue;
                }
                break;
            }
        }
        if (i == end) {
            return;
        }
        if (in.charAt(i) != ':') {
            throw domain(i, end, in.charAt(0) == '['
                    ? "only ':' and a port may follow an IPv6 host, not " + describe(i)
                    : describe(i) + " cannot appear in a host name, which is letters, digits and '-'"
                            + " in components joined by '.'");
        }
        i++;
        int portStart = i;
        while (i < end && isDigit(in.charAt(i))) {
            i++;
        }
        if (i == portStart) {
            throw domain(i, end, "':' after a host must be followed by a port number");
        }
        if (i < end) {
            throw domain(i, end, "a port is digits only; " + describe(i) + " is not a digit");
        }
    }

    /**
     * Scans {@code component ('/' component)*} with components
     * {@code [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*}, from {@code start} to the first ':' or '@' or the end.
     *
     * @return the index where the path ends
     */
    private int scanPath(int start) {
        int state = COMPONENT_START;
        int i = start;
        for (; i < n; i++) {
            char c = in.charAt(i);
            if (c == ':' || c == '@') {
                break;
            }
            if (i - start >= ImageReference.MAX_REPOSITORY_LENGTH) {
                // Past the limit whatever follows: stop reading, which bounds the cost of a hostile path.
                throw tooLong(i, -1);
            }
            if (isLowerAlnum(c)) {
                state = ALNUM;
                continue;
            }
            switch (c) {
                case '/' -> {
                    if (state != ALNUM) {
                        throw pathEndsBadly(start, i, state);
                    }
                    state = COMPONENT_START;
                }
                case '.' -> state = separator(start, i, state, state == ALNUM, DOT_OR_DOUBLE);
                case '_' -> state = separator(start, i, state, state == ALNUM || state == UNDERSCORE,
                        state == UNDERSCORE ? DOT_OR_DOUBLE : UNDERSCORE);
                case '-' -> state = separator(start, i, state, state == ALNUM || state == DASH, DASH);
                default -> throw path(start, i, c >= 'A' && c <= 'Z'
                        ? "repository names must be lower case"
                        : describe(i) + " is not allowed in a repository name, whose components are lower-case"
                                + " letters and digits joined by '.', '_', '__' or a run of '-'");
            }
        }
        if (state != ALNUM) {
            throw pathEndsBadly(start, i, state);
        }
        return i;
    }

    private int separator(int start, int i, int state, boolean allowed, int next) {
        if (allowed) {
            return next;
        }
        if (state == COMPONENT_START) {
            throw path(start, i, "a path component must start with a lower-case letter or digit, not " + describe(i));
        }
        throw path(start, i, describe(i) + " cannot follow the separator before it; separators are one '.',"
                + " one or two '_', or a run of '-', each between letters or digits");
    }

    /** The path stopped (at '/', ':', '@' or the end) where a letter or digit was needed. */
    private InvalidImageReferenceException pathEndsBadly(int start, int i, int state) {
        if (state != COMPONENT_START) {
            return path(start, i, "a separator must be followed by a lower-case letter or digit");
        }
        if (i == start && i < n && in.charAt(i) != '/') {
            return path(start, i, "the reference has no repository name before " + describe(i));
        }
        return path(start, i, i == n && i > start
                ? "the path ends with '/'; a path component cannot be empty"
                : "a path component cannot be empty");
    }

    /** Scans {@code [\w][\w.-]{0,127}} from {@code start} to '@' or the end; returns where the tag ends. */
    private int scanTag(int start) {
        if (start == n || in.charAt(start) == '@') {
            throw tag(start, "':' must be followed by a tag");
        }
        if (!isWord(in.charAt(start))) {
            throw tag(start, "a tag must start with a letter, digit or '_', not " + describe(start));
        }
        int i = start + 1;
        for (; i < n && in.charAt(i) != '@'; i++) {
            if (i - start >= ImageReference.MAX_TAG_LENGTH) {
                throw tag(i, "a tag is at most " + ImageReference.MAX_TAG_LENGTH + " characters");
            }
            char c = in.charAt(i);
            if (!isWord(c) && c != '.' && c != '-') {
                throw tag(i, describe(i) + " is not allowed in a tag, which is letters, digits, '_', '.' and '-'");
            }
        }
        return i;
    }

    /**
     * Scans {@code algorithm ':' hex} to the end, then applies go-digest's checks: only sha256, sha384
     * and sha512, each with its exact number of lower-case hex digits.
     */
    private String scanDigest(int start) {
        int i = start;
        while (true) {
            if (i == n || !isAsciiLetter(in.charAt(i))) {
                throw digest(start, i, i == start && (i == n || in.charAt(i) == ':')
                        ? "'@' must be followed by a digest such as sha256:<64 hex digits>"
                        : "each part of a digest algorithm must start with a letter, not "
                                + (i == n ? "the end" : describe(i)));
            }
            i++;
            while (i < n && isAsciiAlnum(in.charAt(i))) {
                i++;
            }
            if (i < n && isAlgorithmSeparator(in.charAt(i))) {
                i++;
                continue;
            }
            break;
        }
        if (i == n || in.charAt(i) != ':') {
            throw digest(start, i, i == n
                    ? "a digest needs ':' between its algorithm and its hex digits"
                    : describe(i) + " is not allowed in a digest algorithm");
        }
        int algorithmEnd = i;
        int hexStart = ++i;
        while (i < n && isHex(in.charAt(i))) {
            i++;
        }
        if (i < n) {
            throw digest(start, i, describe(i) + " is not a hex digit");
        }
        int hexLength = n - hexStart;
        if (hexLength < 32) {
            throw digest(start, n, "a digest has at least 32 hex digits, this one " + hexLength);
        }
        int expected = hexDigitsOf(start, algorithmEnd);
        if (expected < 0) {
            throw digest(start, start, "digest algorithm '" + InvalidImageReferenceException.quote(in, start, algorithmEnd)
                    + "' is not supported; use sha256, sha384 or sha512");
        }
        String algorithm = in.substring(start, algorithmEnd);
        if (hexLength != expected) {
            throw digest(start, hexLength < expected ? n : hexStart + expected,
                    "a " + algorithm + " digest has exactly " + expected + " hex digits, this one " + hexLength);
        }
        for (int h = hexStart; h < n; h++) {
            char c = in.charAt(h);
            if (c >= 'A' && c <= 'F') {
                throw digest(start, h, "digest hex digits must be lower case");
            }
        }
        return in.substring(start);
    }

    /** How many hex digits the algorithm in {@code [from, to)} has, or -1 when go-digest does not support it. */
    private int hexDigitsOf(int from, int to) {
        if (to - from != 6) {
            return -1;
        }
        if (in.startsWith("sha256", from)) {
            return 64;
        }
        if (in.startsWith("sha384", from)) {
            return 96;
        }
        return in.startsWith("sha512", from) ? 128 : -1;
    }

    // --- errors: each names its part and quotes the piece of input it is about ---

    private InvalidImageReferenceException whole(String reason) {
        return new InvalidImageReferenceException(in, ReferencePart.WHOLE, 0, null, reason);
    }

    private InvalidImageReferenceException domain(int position, int end, String reason) {
        return new InvalidImageReferenceException(in, ReferencePart.DOMAIN, position,
                "domain '" + InvalidImageReferenceException.quote(in, 0, end) + "'", reason);
    }

    /** An error in the path component around {@code position}, quoting that component. */
    private InvalidImageReferenceException path(int pathStart, int position, String reason) {
        int from = position;
        while (from > pathStart && in.charAt(from - 1) != '/') {
            from--;
        }
        int to = position;
        while (to < n && in.charAt(to) != '/' && in.charAt(to) != ':' && in.charAt(to) != '@') {
            to++;
        }
        if (from == to) {
            // An empty component: quote the whole path rather than nothing, or nothing when there is no path.
            int end = endOfPath(position);
            String subject = end == pathStart ? null
                    : "path '" + InvalidImageReferenceException.quote(in, pathStart, end) + "'";
            return new InvalidImageReferenceException(in, ReferencePart.PATH, position, subject, reason);
        }
        return new InvalidImageReferenceException(in, ReferencePart.PATH, position,
                "path component '" + InvalidImageReferenceException.quote(in, from, to) + "'", reason);
    }

    private int endOfPath(int from) {
        int i = from;
        while (i < n && in.charAt(i) != ':' && in.charAt(i) != '@') {
            i++;
        }
        return i;
    }

    private InvalidImageReferenceException tooLong(int position, int length) {
        String has = length < 0 ? "" : " (this one has " + length + ")";
        return new InvalidImageReferenceException(in, ReferencePart.PATH, position, "repository path",
                "a repository path is at most " + ImageReference.MAX_REPOSITORY_LENGTH
                        + " characters, counting the 'library/' that Docker Hub adds to one-element names" + has);
    }

    private InvalidImageReferenceException tag(int position, String reason) {
        int colon = in.lastIndexOf(':', position - 1);
        int end = position;
        while (end < n && in.charAt(end) != '@') {
            end++;
        }
        return new InvalidImageReferenceException(in, ReferencePart.TAG, position,
                "tag '" + InvalidImageReferenceException.quote(in, colon + 1, end) + "'", reason);
    }

    private InvalidImageReferenceException digest(int start, int position, String reason) {
        return new InvalidImageReferenceException(in, ReferencePart.DIGEST, position,
                "digest '" + InvalidImageReferenceException.quote(in, start, n) + "'", reason);
    }

    /** A character for a message: {@code 'x'}, or its code point when it would not show. */
    private String describe(int i) {
        char c = in.charAt(i);
        if (c > 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        int codePoint = in.codePointAt(i);
        String shown = InvalidImageReferenceException.quote(new String(Character.toChars(codePoint)));
        return String.format("'%s' (U+%04X)", shown, codePoint);
    }

    // --- character classes, ASCII only, as in Go's regexp ---

    private boolean isLowerHexRun(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = in.charAt(i);
            if (!isDigit(c) && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || isDigit(c);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiAlnum(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }

    /** Go's {@code \w}: ASCII letters, digits and '_'. */
    private static boolean isWord(char c) {
        return isAsciiAlnum(c) || c == '_';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isHexOrColon(char c) {
        return isHex(c) || c == ':';
    }

    private static boolean isAlgorithmSeparator(char c) {
        return c == '-' || c == '_' || c == '+' || c == '.';
    }
}
