package dev.hoist.flavor.github;

import dev.hoist.api.UriRules;
import static dev.hoist.api.UriRules.invalid;
import dev.hoist.api.RegistryUri;
import java.util.List;

/**
 * GitHub Container Registry's URI rules, on top of the ones every flavor shares: host
 * {@code ghcr.io}, then the owner, a GitHub user or organization login, then any path.
 */
final class GitHubUris {

    /** The rules, for the flavor to call. */
    static final UriRules RULES = UriRules.of(GitHubUris::check);

    static final String HOST = "ghcr.io";
    static final String OWNER_RULE = "a GitHub owner is 1 to 39 letters and digits, with single hyphens between"
            + " them (no hyphen first or last, no underscore), written in lower case here";
    private static final int MAX_OWNER = 39;
    /** Hosts that users mistake for the registry: the retired GitHub Packages Docker registry, and the website. */
    private static final String RETIRED_REGISTRY = "docker.pkg.github.com";
    private static final String WEBSITE = "github.com";

    private GitHubUris() {
    }

    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        List<String> path = parsed.path();
        if (parsed.host().isEmpty()) {
            throw invalid(uri, "names no host; a github URI is '" + HOST + "/<owner>'.",
                    hints.offer(HOST + "/" + String.join("/", path)));
        }
        String host = parsed.host().get();
        if (host.equals(RETIRED_REGISTRY)) {
            throw invalid(uri, "names '" + RETIRED_REGISTRY + "', the retired GitHub Packages Docker registry;"
                    + " GitHub's Container Registry is '" + HOST + "/<owner>'.", ownerHint(path, hints));
        }
        if (host.equals(WEBSITE)) {
            throw invalid(uri, "names GitHub's website, '" + WEBSITE + "'; GitHub's Container Registry is '"
                    + HOST + "/<owner>'.", ownerHint(path, hints));
        }
        if (!host.equals(HOST)) {
            throw invalid(uri, "has host '" + host + "', which is not GitHub's Container Registry; a github URI is '"
                    + HOST + "/<owner>'.", null);
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has port " + parsed.port().get() + "; '" + HOST + "' serves only HTTPS on its"
                    + " default port, so its URI has none.",
                    hints.offer(HOST + (path.isEmpty() ? "" : "/" + String.join("/", path))));
        }
        if (path.isEmpty()) {
            throw invalid(uri, "names no owner; a github URI is '" + HOST + "/<owner>', the user or organization"
                    + " that owns the packages.", null);
        }
        String owner = path.get(0);
        String problem = ownerProblem(owner);
        if (problem != null) {
            throw invalid(uri, "has owner '" + owner + "', which " + problem + "; " + OWNER_RULE + ".", null);
        }
        return parsed.normalized();
    }

    /** On GitHub's other hosts, the first path component is the owner: 'github.com/owner/repo'. */
    private static String ownerHint(List<String> path, UriRules.Hints hints) {
        return path.isEmpty() ? null : hints.offer(HOST + "/" + path.get(0));
    }

    /** What is wrong with an owner login, or null. It is a valid lower-case path component already. */
    private static String ownerProblem(String owner) {
        if (owner.length() > MAX_OWNER) {
            return "is longer than " + MAX_OWNER + " characters";
        }
        // The shared grammar already starts and ends every path component with a letter or digit.
        for (int i = 0; i < owner.length(); i++) {
            char c = owner.charAt(i);
            if (c == '-') {
                if (owner.charAt(i + 1) == '-') {
                    return "has two hyphens in a row";
                }
            } else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return "has '" + c + "'";
            }
        }
        return null;
    }
}
