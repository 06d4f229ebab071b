package dev.hoist.flavor.gitlab;

import dev.hoist.api.UriRules;
import static dev.hoist.api.UriRules.invalid;
import dev.hoist.api.RegistryUri;
import java.util.ArrayList;
import java.util.List;

/**
 * GitLab's registry URI rules, on top of the ones every flavor shares: any host (a self-managed
 * GitLab serves its registry on a host and port of its own), then {@code <group>[/<subgroup>...]/<project>}.
 */
final class GitLabUris {

    /** The rules, for the flavor to call. */
    static final UriRules RULES = UriRules.of(GitLabUris::check);

    /** GitLab.com's registry; GitLab.com itself serves no registry. */
    static final String GITLAB_COM_REGISTRY = "registry.gitlab.com";
    private static final String GITLAB_COM = "gitlab.com";
    private static final String FORM = "'<registry host>/<group>[/<subgroup>...]/<project>'";
    /** Endings GitLab forbids for group and project paths; users paste clone URLs that end in '.git'. */
    private static final List<String> RESERVED_ENDINGS = List.of(".git", ".atom");

    private GitLabUris() {
    }

    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        List<String> path = parsed.path();
        String pathSuffix = path.isEmpty() ? "" : "/" + String.join("/", path);
        if (parsed.host().isEmpty()) {
            throw invalid(uri, "names no host; a gitlab URI is " + FORM + ", such as '" + GITLAB_COM_REGISTRY
                    + "/group/project' on GitLab.com.", path.size() >= 2 ? hints.offer(GITLAB_COM_REGISTRY + pathSuffix) : null);
        }
        if (parsed.host().get().equals(GITLAB_COM)) {
            throw invalid(uri, "names '" + GITLAB_COM + "', which serves no registry; GitLab.com's registry is '"
                    + GITLAB_COM_REGISTRY + "'.", hints.offer(GITLAB_COM_REGISTRY + pathSuffix));
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
                            hints.offer(parsed.hostAndPort().get() + "/" + String.join("/", fixed)));
                }
            }
        }
        return parsed.normalized();
    }
}
