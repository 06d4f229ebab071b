package dev.hoist.flavor.gcp;

import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.api.UriRules;
import java.util.Optional;
import static dev.hoist.api.UriRules.invalid;
import dev.hoist.api.RegistryUri;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Google Cloud's registry URI rules, on top of the ones every flavor shares:
 * {@code [us.|eu.|asia.]gcr.io/<project>[/...]} or {@code <location>-docker.pkg.dev/<project>/<repository>[/...]}.
 *
 * <p>A domain-scoped project, whose project ID is written {@code example.com:my-project}, appears in
 * image paths with the ':' replaced by '/': {@code gcr.io/example.com/my-project} and
 * {@code us-docker.pkg.dev/example.com/my-project/my-repo} (Google Cloud, Artifact Registry
 * "Repository and image names", section "Domain-scoped projects"). So {@code <project>} above is one
 * path component, or two for a domain-scoped project: a domain (it has a '.', which a project ID
 * never has) and then a project ID under the usual rules.
 */
final class GcpUris {

    /** The rules, for the flavor to call. */
    static final UriRules RULES = UriRules.of(GcpUris::check, GcpUris::explainSharedRefusal);

    static final String PROJECT_RULE = "a project ID is 6 to 30 lower-case letters, digits and hyphens,"
            + " starting with a letter and not ending with a hyphen";
    static final String REPOSITORY_RULE = "a repository ID is lower-case letters, digits and hyphens,"
            + " starting with a letter and ending with a letter or digit";
    static final String LOCATION_RULE = "a location is a region such as 'us-central1' or 'europe-west1',"
            + " or a multi-region: 'us', 'europe' or 'asia'";
    static final String DOMAIN_RULE = "a domain is DNS labels of lower-case letters, digits and hyphens (not first or"
            + " last in a label), joined by '.', the last label starting with a letter";
    private static final String FORMS = "'<location>-docker.pkg.dev/<project>/<repository>' (Artifact Registry)"
            + " or 'gcr.io/<project>', with 'us.', 'eu.' or 'asia.' before 'gcr.io' for a region (Container Registry)";
    private static final Set<String> CONTAINER_REGISTRY_HOSTS = Set.of("gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io");
    private static final String ARTIFACT_REGISTRY_SUFFIX = "-docker.pkg.dev";
    private static final Set<String> MULTI_REGIONS = Set.of("us", "europe", "asia");
    private static final int MIN_PROJECT = 6;
    private static final int MAX_PROJECT = 30;

    private GcpUris() {
    }

    static boolean isArtifactRegistry(String host) {
        return host.endsWith(ARTIFACT_REGISTRY_SUFFIX);
    }

    /**
     * How many path components a URI's project takes: 2 for a domain-scoped project
     * ({@code example.com/my-project}), whose first component has a '.', else 1.
     */
    static int projectComponents(List<String> path) {
        return !path.isEmpty() && path.get(0).indexOf('.') >= 0 ? 2 : 1;
    }

    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        List<String> path = parsed.path();
        if (parsed.host().isEmpty()) {
            throw invalid(uri, "names no host; a gcp URI is " + FORMS + ".", null);
        }
        String host = parsed.host().get();
        if (parsed.port().isPresent() && (CONTAINER_REGISTRY_HOSTS.contains(host) || isArtifactRegistry(host))) {
            String pathSuffix = path.isEmpty() ? "" : "/" + String.join("/", path);
            throw invalid(uri, "has port " + parsed.port().get() + "; Google's registries serve only HTTPS on the"
                    + " default port, so their URIs have none.", hints.offer(host + pathSuffix));
        }
        if (CONTAINER_REGISTRY_HOSTS.contains(host)) {
            checkProject(uri, path, host + "/<project>");
        } else if (isArtifactRegistry(host)) {
            checkLocation(uri, host.substring(0, host.length() - ARTIFACT_REGISTRY_SUFFIX.length()));
            int project = checkProject(uri, path, host + "/<project>/<repository>");
            if (path.size() <= project) {
                throw invalid(uri, "names no repository; Artifact Registry keeps images in a repository of the"
                        + " project, as '" + host + "/" + String.join("/", path) + "/<repository>'.", null);
            }
            checkRepository(uri, path.get(project));
        } else if (host.equals("docker.pkg.dev")) {
            throw invalid(uri, "names no location; Artifact Registry's host is '<location>-docker.pkg.dev',"
                    + " for example 'us-central1-docker.pkg.dev' (" + LOCATION_RULE + ").", null);
        } else if (host.endsWith(".gcr.io")) {
            throw invalid(uri, "has host '" + host + "', but Container Registry's hosts are only 'gcr.io',"
                    + " 'us.gcr.io', 'eu.gcr.io' and 'asia.gcr.io'.", null);
        } else {
            throw invalid(uri, "has host '" + host + "', which is not a Google registry; a gcp URI is " + FORMS + ".",
                    null);
        }
        return parsed.normalized();
    }

    private static void checkLocation(String uri, String location) {
        if (!MULTI_REGIONS.contains(location) && !isRegion(location)) {
            throw invalid(uri, "has location '" + location + "' before '" + ARTIFACT_REGISTRY_SUFFIX + "'; "
                    + LOCATION_RULE + ".", null);
        }
    }

    /** The shape of a region: {@code <area>-<direction><digits>}, such as 'northamerica-northeast1'. */
    private static boolean isRegion(String location) {
        int i = skipLetters(location, 0);
        if (i == 0 || i == location.length() || location.charAt(i) != '-') {
            return false;
        }
        int direction = i + 1;
        i = skipLetters(location, direction);
        if (i == direction || i == location.length()) {
            return false;
        }
        while (i < location.length() && location.charAt(i) >= '0' && location.charAt(i) <= '9') {
            i++;
        }
        return i == location.length();
    }

    private static int skipLetters(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
            i++;
        }
        return i;
    }

    /**
     * Checks the project: {@code <project>}, or {@code <domain>/<project>} for a domain-scoped one.
     *
     * @return how many path components the project takes, 1 or 2
     */
    private static int checkProject(String uri, List<String> path, String form) {
        if (path.isEmpty()) {
            throw invalid(uri, "names no project; write it as '" + form + "'.", null);
        }
        int components = projectComponents(path);
        String project = path.get(0);
        String scope = "";
        if (components == 2) {
            String domain = path.get(0);
            if (!isDomain(domain)) {
                throw invalid(uri, "has '" + domain + "' where the domain of a domain-scoped project goes"
                        + " ('<domain>/<project>', the project ID '<domain>:<project>'); " + DOMAIN_RULE + ".", null);
            }
            if (path.size() < 2) {
                throw invalid(uri, "names the domain '" + domain + "' of a domain-scoped project but no project;"
                        + " write it as '" + form.replace("<project>", domain + "/<project>") + "'.", null);
            }
            project = path.get(1);
            scope = " after domain '" + domain + "'";
        }
        String problem = projectProblem(project);
        if (problem != null) {
            throw invalid(uri, "has project ID '" + project + "'" + scope + ", which " + problem + "; " + PROJECT_RULE + ".",
                    null);
        }
        return components;
    }

    /** A DNS domain of at least two labels; the shared grammar has already made it lower case. */
    private static boolean isDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-'
                    || !onlyLettersDigitsHyphens(label)) {
                return false;
            }
        }
        char tld = labels[labels.length - 1].charAt(0);
        return tld >= 'a' && tld <= 'z';
    }

    /** What is wrong with a project ID, or null. Its characters are a valid path component already. */
    private static String projectProblem(String project) {
        if (project.length() < MIN_PROJECT) {
            return "is too short";
        }
        if (project.length() > MAX_PROJECT) {
            return "is too long";
        }
        if (!(project.charAt(0) >= 'a' && project.charAt(0) <= 'z')) {
            return "does not start with a letter";
        }
        // No need to look for a final hyphen: the shared grammar ends every path component with a letter or digit.
        return onlyLettersDigitsHyphens(project) ? null : "has a character other than letters, digits and hyphens";
    }

    private static void checkRepository(String uri, String repository) {
        String problem = null;
        if (!(repository.charAt(0) >= 'a' && repository.charAt(0) <= 'z')) {
            problem = "does not start with a letter";
        } else if (!onlyLettersDigitsHyphens(repository)) {
            problem = "has a character other than letters, digits and hyphens";
        }
        if (problem != null) {
            throw invalid(uri, "has repository ID '" + repository + "', which " + problem + "; " + REPOSITORY_RULE + ".",
                    null);
        }
    }

    private static boolean onlyLettersDigitsHyphens(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static Optional<InvalidRegistryUriException> explainSharedRefusal(String uri) {
        int colon = domainScopedColon(uri);
        if (colon < 0) {
            return Optional.empty();
        }
        String slashed = uri.substring(0, colon) + "/" + uri.substring(colon + 1);
        String hint;
        try {
            hint = RULES.normalize(slashed);
        } catch (InvalidRegistryUriException stillWrong) {
            hint = stillWrong.hint().orElse(null);
        }
        return Optional.of(invalid(uri, "writes the domain-scoped project ID '" + projectElement(uri) + "' with its"
                + " ':'; in registry and image paths the ':' becomes '/', as '<domain>/<project>'.", hint));
    }

    /**
     * Where the ':' of {@code example.com:project} is, in a gcp host's first path element, which the
     * shared rules refuse for its ':'; -1 when the URI is not written that way.
     */
    private static int domainScopedColon(String uri) {
        int slash = uri.indexOf('/');
        if (slash < 0) {
            return -1;
        }
        String host = uri.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!CONTAINER_REGISTRY_HOSTS.contains(host) && !isArtifactRegistry(host)) {
            return -1;
        }
        String project = projectElement(uri);
        int colon = project.indexOf(':');
        boolean domainScoped = colon > 0 && project.lastIndexOf('.', colon) > 0 && colon < project.length() - 1
                && Character.isLetter(project.charAt(colon + 1)) && project.indexOf(':', colon + 1) < 0;
        return domainScoped ? slash + 1 + colon : -1;
    }

    private static String projectElement(String uri) {
        int slash = uri.indexOf('/');
        int end = uri.indexOf('/', slash + 1);
        return uri.substring(slash + 1, end < 0 ? uri.length() : end);
    }
}
