package dev.hoist.flavor.dockerhub;

import dev.hoist.api.UriRules;
import static dev.hoist.api.UriRules.invalid;
import dev.hoist.api.RegistryNames;
import dev.hoist.api.RegistryUri;
import java.util.List;
import java.util.Set;

/**
 * Docker Hub's URI rules, on top of the ones every flavor shares: {@code <namespace>} or
 * {@code docker.io/<namespace>} (or one of Docker Hub's other registry hosts), exactly one
 * namespace, normalised to {@code docker.io/<namespace>}.
 */
final class DockerHubUris {

    /** The rules, for the flavor to call. */
    static final UriRules RULES = UriRules.of(DockerHubUris::check);

    static final String HOST = RegistryNames.DOCKER_HUB;
    /**
     * Docker documents this for Docker IDs ("between 4 and 30 characters long, and can only contain
     * numbers and lowercase letters"), and organization names share the namespace. Namespaces from
     * before that rule, if any are shorter, are refused: use the default flavor for them.
     */
    static final String NAMESPACE_RULE = "a Docker Hub namespace (a Docker ID or an organization) is 4 to 30"
            + " lower-case letters and digits";
    private static final int MIN_NAMESPACE = 4;
    private static final int MAX_NAMESPACE = 30;
    /** The website, whose page paths users paste: hub.docker.com/u/NS, /r/NS/REPO, /orgs/NS. */
    private static final String WEBSITE = "hub.docker.com";
    private static final Set<String> WEBSITE_SECTIONS = Set.of("u", "r", "orgs", "repository");
    /** Official Images live here; only Docker publishes to it. */
    private static final String OFFICIAL_NAMESPACE = "library";

    private DockerHubUris() {
    }

    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        List<String> path = parsed.path();
        String host = parsed.host().orElse(HOST);
        if (host.equals(WEBSITE)) {
            List<String> rest = !path.isEmpty() && WEBSITE_SECTIONS.contains(path.get(0)) ? path.subList(1, path.size()) : path;
            throw invalid(uri, "names Docker Hub's website, '" + WEBSITE + "'; the registry is '" + HOST + "'.",
                    rest.isEmpty() ? null : hints.offer(HOST + "/" + rest.get(0)));
        }
        if (!RegistryNames.isDockerHub(host)) {
            throw invalid(uri, "has host '" + host + "', which is not Docker Hub; a dockerhub URI is '<namespace>'"
                    + " or '" + HOST + "/<namespace>'.", null);
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has port " + parsed.port().get() + "; Docker Hub's URI has none.",
                    path.isEmpty() ? null : hints.offer(HOST + "/" + String.join("/", path)));
        }
        if (path.isEmpty()) {
            throw invalid(uri, "names no namespace; a dockerhub URI is '" + HOST + "/<namespace>', the Docker ID or"
                    + " organization that owns the repositories.", null);
        }
        String namespace = path.get(0);
        if (path.size() > 1) {
            throw invalid(uri, "has " + path.size() + " path components, but Docker Hub has exactly one namespace"
                    + " level: the URI names the namespace, '" + HOST + "/" + namespace + "', and each image then"
                    + " names its repository in it.", hints.offer(HOST + "/" + namespace));
        }
        if (namespace.equals(OFFICIAL_NAMESPACE)) {
            throw invalid(uri, "names '" + OFFICIAL_NAMESPACE + "', the namespace of Docker Official Images, where"
                    + " only Docker publishes; use your Docker ID or organization.", null);
        }
        if (!isNamespace(namespace)) {
            throw invalid(uri, "has namespace '" + namespace + "'; " + NAMESPACE_RULE + ".", null);
        }
        return HOST + "/" + namespace;
    }

    private static boolean isNamespace(String namespace) {
        if (namespace.length() < MIN_NAMESPACE || namespace.length() > MAX_NAMESPACE) {
            return false;
        }
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
