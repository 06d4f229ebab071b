package dev.hoist.flavor.gitlab;

import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.uri.RegistryUri;
import java.util.ArrayList;
import java.util.List;

/**
 * GitLab's registry URI rules, on top of the ones every flavor shares: any host (a self-managed
 * GitLab serves its registry on a host and port of its own), then {@code <group>[/<subgroup>...]/<project>}.
 */
final class GitLabUris {

    /** GitLab.com's registry; GitLab.com itself serves no registry. */
    static final String GITLAB_COM_REGISTRY = "registry.gitlab.com";
    private static final String GITLAB_COM = "gitlab.com";
    private static final String FORM = "'<registry host>/<group>[/<subgroup>...]/<project>'";
    /** Endings GitLab forbids for group and project paths; users paste clone URLs that end in '.git'. */
    private static final List<String> RESERVED_ENDINGS = List.of(".git", ".atom");
    /** Each hint is checked by parsing it; this bounds how many times. */
    private static final int MAX_HINT_DEPTH = 4;

    private GitLabUris() {
    }

    /** Checks a URI against the gitlab rules and returns its normal form. */
    static String normalize(String uri) {
        return normalize(uri, 0);
    }

    private static String normalize(String uri, int depth) {
        RegistryUri parsed = parseShared(uri, depth);
        List<String> path = parsed.path();
        String pathSuffix = path.isEmpty() ? "" : "/" + String.join("/", path);
        if (parsed.host().isEmpty()) {
            throw invalid(uri, "names no host; a gitlab URI is " + FORM + ", such as '" + GITLAB_COM_REGISTRY
                    + "/group/project' on GitLab.com.", path.size() >= 2 ? hint(GITLAB_COM_REGISTRY + pathSuffix, depth) : null);
        }
        if (parsed.host().get().equals(GITLAB_COM)) {
            throw invalid(uri, "names '" + GITLAB_COM + "', which serves no registry; GitLab.com's registry is '"
                    + GITLAB_COM_REGISTRY + "'.", hint(GITLAB_COM_REGISTRY + pathSuffix, depth));
        }
        if (path.size() < 2) {
            throw invalid(uri, "names " + (path.isEmpty() ? "no group or project" : "only '" + path.get(0) + "'")
                    + "; a gitlab URI is " + FORM + ", the project whose registry it is.", null);
        }
        for (int i = 0; i < path.size(); i++) {
            for (String ending : RESERVED_ENDINGS) {
                String component = path.get(i);
                if (component.endsWith(ending)) {
                    List<String> fixed = new ArrayList<>(path);
                    fixed.set(i, component.substring(0, component.length() - ending.length()));
                    throw invalid(uri, "has path '" + component + "', but GitLab group and project paths cannot"
                            + " end in '" + ending + "'.",
                            hint(parsed.hostAndPort().get() + "/" + String.join("/", fixed), depth));
                }
            }
        }
        return parsed.normalized();
    }

    private static RegistryUri parseShared(String uri, int depth) {
        try {
            return RegistryUri.parse(uri);
        } catch (InvalidRegistryUriException shared) {
            // The shared rules' hint suits any registry; offer only what this flavor accepts too.
            throw new InvalidRegistryUriException(uri, shared.reason(),
                    shared.hint().map(candidate -> hint(candidate, depth)).orElse(null));
        }
    }

    /** A hint this flavor accepts: the candidate's normal form, or the candidate's own hint; null if neither. */
    private static String hint(String candidate, int depth) {
        if (depth >= MAX_HINT_DEPTH) {
            return null;
        }
        try {
            return normalize(candidate, depth + 1);
        } catch (InvalidRegistryUriException stillWrong) {
            return stillWrong.hint().orElse(null);
        }
    }

    private static InvalidRegistryUriException invalid(String uri, String problem, String hint) {
        return new InvalidRegistryUriException(uri, "Registry URI '" + uri + "' " + problem, hint);
    }
}
