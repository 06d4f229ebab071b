package dev.hoist.api;

import dev.hoist.spi.InvalidRegistryUriException;
import java.util.Objects;
import java.util.Optional;

/**
 * A flavor's URI rules on top of the shared ones in {@link RegistryUri}: it runs the shared
 * parse, then the flavor's {@link Check}, and makes sure every hint offered, the shared rules'
 * or the flavor's, is a URI the flavor itself accepts: a hint is re-checked, a bounded number
 * of times, and replaced by its own normal form or hint, or dropped.
 *
 * <pre>{@code
 * static final UriRules RULES = UriRules.of(MyUris::check);
 * private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) { ... }
 * // in the flavor: public String normalizeUri(String uri) { return RULES.normalize(uri); }
 * }</pre>
 */
public final class UriRules {

    /** How many times a hint may be re-checked: keeps hint chains short and parsing linear. */
    private static final int MAX_HINT_DEPTH = 4;

    /** The flavor's own rules, on a URI the shared rules accepted. */
    @FunctionalInterface
    public interface Check {

        /**
         * Checks a URI that passed the shared rules.
         *
         * @param uri the URI as written, for messages
         * @param parsed its shared parse
         * @param hints offers a corrected URI only when this flavor accepts it
         * @return the normal form
         * @throws InvalidRegistryUriException naming the rule broken; {@link UriRules#invalid} builds one
         */
        String check(String uri, RegistryUri parsed, Hints hints);
    }

    /**
     * A better error than the shared rules' for a URI they refuse, when the flavor can tell what
     * the user was after (gcp: a domain-scoped project).
     */
    @FunctionalInterface
    public interface Explanation {

        /**
         * @param uri the URI the shared rules refused
         * @return the flavor's error, or empty to keep the shared one
         */
        Optional<InvalidRegistryUriException> explain(String uri);
    }

    private final Check check;
    private final Explanation explanation;

    private UriRules(Check check, Explanation explanation) {
        this.check = Objects.requireNonNull(check, "check");
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    /**
     * Rules that add {@code check} to the shared ones.
     *
     * @param check the flavor's own rules
     * @return the rules
     */
    public static UriRules of(Check check) {
        return new UriRules(check, uri -> Optional.empty());
    }

    /**
     * Rules that add {@code check} to the shared ones, and explain some shared refusals better.
     *
     * @param check the flavor's own rules
     * @param explanation a better error for URIs the shared rules refuse
     * @return the rules
     */
    public static UriRules of(Check check, Explanation explanation) {
        return new UriRules(check, explanation);
    }

    /**
     * Checks a URI against the shared rules and this flavor's, and returns its normal form.
     *
     * @param uri the URI as written in config
     * @return the normal form
     * @throws InvalidRegistryUriException saying what is wrong, with a hint this flavor accepts
     */
    public String normalize(String uri) {
        return normalize(uri, new Hints(0));
    }

    private String normalize(String uri, Hints hints) {
        RegistryUri parsed;
        try {
            parsed = RegistryUri.parse(uri);
        } catch (InvalidRegistryUriException shared) {
            Optional<InvalidRegistryUriException> explained = explanation.explain(uri);
            if (explained.isPresent()) {
                throw explained.get();
            }
            // The shared rules' hint suits any registry; offer only what this flavor accepts too.
            throw new InvalidRegistryUriException(uri, shared.reason(), shared.hint().map(hints::offer).orElse(null));
        }
        return check.check(uri, parsed, hints);
    }

    /**
     * An invalid-URI error whose reason starts with the URI.
     *
     * @param uri the URI as written
     * @param problem what is wrong, continuing "Registry URI '&lt;uri&gt;' ..."
     * @param hint a URI the flavor accepts, or {@code null}
     * @return the error, for the caller to throw
     */
    public static InvalidRegistryUriException invalid(String uri, String problem, String hint) {
        return new InvalidRegistryUriException(uri, "Registry URI '" + uri + "' " + problem, hint);
    }

    /** Turns candidate corrections into hints this flavor accepts. */
    public final class Hints {

        private final int depth;

        private Hints(int depth) {
            this.depth = depth;
        }

        /**
         * A correction, if this flavor accepts it.
         *
         * @param candidate a URI the user may have meant
         * @return the candidate's normal form, or the candidate's own hint, if the flavor accepts either; else null
         */
        public String offer(String candidate) {
            if (depth >= MAX_HINT_DEPTH) {
                return null;
            }
            try {
                return normalize(candidate, new Hints(depth + 1));
            } catch (InvalidRegistryUriException stillWrong) {
                return stillWrong.hint().orElse(null);
            }
        }
    }
}
