package dev.hoist.api;

import dev.hoist.spi.InvalidRegistryUriException;

/**
 * A flavor's URI rules on top of the shared ones in {@link RegistryUri}. It runs the shared
 * parse, then {@link #check}, and makes sure every hint offered, the shared rules' or the
 * flavor's, is a URI the flavor itself accepts: a hint is re-checked, a bounded number of times,
 * and replaced by its own normal form or hint, or dropped.
 */
public abstract class FlavorUriRules {

    /** How many times a hint may be re-checked: keeps hint chains short and parsing linear. */
    private static final int MAX_HINT_DEPTH = 4;

    /**
     * Checks a URI against the shared rules and this flavor's, and returns its normal form.
     *
     * @throws InvalidRegistryUriException saying what is wrong, with a hint this flavor accepts
     */
    public final String normalize(String uri) {
        return normalize(uri, new Hints(0));
    }

    private String normalize(String uri, Hints hints) {
        RegistryUri parsed;
        try {
            parsed = RegistryUri.parse(uri);
        } catch (InvalidRegistryUriException shared) {
            InvalidRegistryUriException explained = explainSharedRefusal(uri);
            if (explained != null) {
                throw explained;
            }
            // The shared rules' hint suits any registry; offer only what this flavor accepts too.
            throw new InvalidRegistryUriException(uri, shared.reason(), shared.hint().map(hints::offer).orElse(null));
        }
        return check(uri, parsed, hints);
    }

    /**
     * The flavor's own rules, on a URI the shared rules accepted.
     *
     * @param uri the URI as written, for messages
     * @param parsed its shared parse
     * @param hints offers a corrected URI only when this flavor accepts it
     * @return the normal form
     */
    protected abstract String check(String uri, RegistryUri parsed, Hints hints);

    /**
     * A better error than the shared rules' for a URI they refuse, when the flavor can tell what
     * the user was after (gcp: a domain-scoped project); null to keep the shared one.
     */
    protected InvalidRegistryUriException explainSharedRefusal(String uri) {
        return null;
    }

    /** An invalid-URI error whose reason starts with the URI. */
    protected static InvalidRegistryUriException invalid(String uri, String problem, String hint) {
        return new InvalidRegistryUriException(uri, "Registry URI '" + uri + "' " + problem, hint);
    }

    /** Turns candidate corrections into hints this flavor accepts. */
    public final class Hints {

        private final int depth;

        private Hints(int depth) {
            this.depth = depth;
        }

        /** The candidate's normal form, or the candidate's own hint, if the flavor accepts either; else null. */
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
