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
            checkProject(uri, path, host + "/<project>/<repository>");
            if (path.size() < 2) {
                throw invalid(uri, "names no repository; Artifact Registry keeps images in a repository of the"
                        + " project, as '" + host + "/" + path.get(0) + "/<repository>'.", null);
            }
            checkRepository(uri, path.get(1));
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

    private static void checkProject(String uri, List<String> path, String form) {
        if (path.isEmpty()) {
            throw invalid(uri, "names no project; write it as '" + form + "'.", null);
        }
        String project = path.get(0);
        if (project.indexOf('.') >= 0) {
            // 'gcr.io/example.com/project' is how domain-scoped projects ('example.com:project') appear in paths.
            throw invalid(uri, "has '" + project + "' where the project ID goes; it looks like the domain of a"
                    + " domain-scoped project ('" + project + ":<project>'), which the gcp flavor does not support.",
                    null);
        }
        String problem = projectProblem(project);
        if (problem != null) {
            throw invalid(uri, "has project ID '" + project + "', which " + problem + "; " + PROJECT_RULE + ".", null);
        }
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
        return isDomainScoped(uri) ? Optional.of(invalid(uri, "names a domain-scoped project ('<domain>:<project>'), which"
                + " the gcp flavor does not support.", null)) : Optional.empty();
    }

    /** Whether the project part reads {@code example.com:project}, which the shared rules refuse for its ':'. */
    private static boolean isDomainScoped(String uri) {
        int slash = uri.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String host = uri.substring(0, slash).toLowerCase(Locale.ROOT);
        if (!CONTAINER_REGISTRY_HOSTS.contains(host) && !isArtifactRegistry(host)) {
            return false;
        }
        int end = uri.indexOf('/', slash + 1);
        String project = uri.substring(slash + 1, end < 0 ? uri.length() : end);
        int colon = project.indexOf(':');
        return colon > 0 && project.lastIndexOf('.', colon) > 0 && colon < project.length() - 1
                && Character.isLetter(project.charAt(colon + 1));
    }
}
