package com.example.hoist.acme;

import static dev.hoist.api.UriRules.invalid;

import dev.hoist.api.RegistryUri;
import dev.hoist.api.UriRules;

final class AcmeUris {

    static final String HOST = "registry.acme.example";
    static final UriRules RULES = UriRules.of(AcmeUris::check);

    private AcmeUris() {
    }

    /** Called with a URI the shared rules accepted; returns the normal form. */
    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        String host = parsed.host().orElse("");
        if (host.equals("acme.example")) {
            // A likely mistake: offer the right host. hints.offer returns null unless the flavor accepts it.
            throw invalid(uri, "names Acme's website, not its registry; an acme URI is '" + HOST + "/<team>'.",
                    hints.offer(HOST + "/" + String.join("/", parsed.path())));
        }
        if (!host.equals(HOST)) {
            throw invalid(uri, "has host '" + host + "'; an acme URI is '" + HOST + "/<team>'.", null);
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has a port; Acme serves only HTTPS on the default port.",
                    hints.offer(HOST + "/" + String.join("/", parsed.path())));
        }
        if (parsed.path().size() != 1) {
            throw invalid(uri, "has " + parsed.path().size() + " path components; an acme URI is '" + HOST
                    + "/<team>', exactly one.", null);
        }
        return parsed.normalized();
    }
}
