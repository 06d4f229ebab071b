package dev.hoist.flavor.azure;

import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.uri.RegistryUri;
import java.util.List;

/**
 * Azure Container Registry's URI rules, on top of the ones every flavor shares: the host is a
 * login server {@code <name>.azurecr.io} (or a sovereign cloud's), with no port; a path may follow.
 */
final class AzureUris {

    static final String NAMING_RULE = "a registry name is 5 to 50 letters and digits, with no hyphen or other sign";
    private static final int MIN_NAME = 5;
    private static final int MAX_NAME = 50;
    /** The public cloud's domain first: it is the one a hint offers. */
    private static final List<String> DOMAINS = List.of("azurecr.io", "azurecr.cn", "azurecr.us");
    private static final String FORM = "'<name>.azurecr.io' (or '<name>.azurecr.cn', '<name>.azurecr.us' in the"
            + " sovereign clouds), optionally followed by a path";
    /** Each hint is checked by parsing it; this bounds how many times. */
    private static final int MAX_HINT_DEPTH = 4;

    private AzureUris() {
    }

    /** Checks a URI against the azure rules and returns its normal form. */
    static String normalize(String uri) {
        return normalize(uri, 0);
    }

    private static String normalize(String uri, int depth) {
        RegistryUri parsed = parseShared(uri, depth);
        List<String> path = parsed.path();
        String pathSuffix = path.isEmpty() ? "" : "/" + String.join("/", path);
        if (parsed.host().isEmpty()) {
            // 'myregistry/app': most likely the login server's domain was left off.
            String first = path.get(0);
            String rest = path.size() == 1 ? "" : "/" + String.join("/", path.subList(1, path.size()));
            throw invalid(uri, "names no host; an Azure Container Registry URI is " + FORM + ".",
                    isRegistryName(first) ? hint(first + "." + DOMAINS.get(0) + rest, depth) : null);
        }
        String host = parsed.host().get();
        int dot = host.indexOf('.');
        String domain = dot < 0 ? "" : host.substring(dot + 1);
        if (DOMAINS.contains(host)) {
            throw invalid(uri, "names the domain '" + host + "' without a registry; put the registry's name"
                    + " before it, as '<name>." + host + "' (" + NAMING_RULE + ").", null);
        }
        if (!DOMAINS.contains(domain)) {
            throw notAzure(uri, host, pathSuffix, depth);
        }
        String name = host.substring(0, dot);
        if (!isRegistryName(name)) {
            String withoutHyphens = name.replace("-", "");
            throw invalid(uri, "has registry name '" + name + "'" + nameProblem(name) + "; " + NAMING_RULE + ".",
                    isRegistryName(withoutHyphens) ? hint(withoutHyphens + "." + domain + pathSuffix, depth) : null);
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has port " + parsed.port().get() + "; Azure Container Registry serves only"
                    + " HTTPS on its default port, so its URI has none.", hint(host + pathSuffix, depth));
        }
        return parsed.normalized();
    }

    /** Says why a host is not a login server, and offers one when only the domain is off. */
    private static InvalidRegistryUriException notAzure(String uri, String host, String pathSuffix, int depth) {
        String[] labels = host.split("\\.");
        String hint = null;
        int azurecr = List.of(labels).indexOf("azurecr");
        if (azurecr == 1 && isRegistryName(labels[0])) {
            // 'myregistry.azurecr.com', 'myregistry.azurecr.io.example': the login server was meant.
            String tld = labels.length > 2 ? labels[2] : "";
            String domain = DOMAINS.contains("azurecr." + tld) ? "azurecr." + tld : DOMAINS.get(0);
            hint = hint(labels[0] + "." + domain + pathSuffix, depth);
        } else if (azurecr > 1 && isRegistryName(labels[0])) {
            // 'myregistry.westeurope.data.azurecr.io' and the like are endpoints behind the login server.
            hint = hint(labels[0] + "." + String.join(".", List.of(labels).subList(azurecr, labels.length))
                    + pathSuffix, depth);
        }
        return invalid(uri, "has host '" + host + "', which is not an Azure Container Registry login server;"
                + " an azure URI is " + FORM + ".", hint);
    }

    private static String nameProblem(String name) {
        if (name.indexOf('-') >= 0) {
            return ", which has a hyphen";
        }
        return name.length() < MIN_NAME ? ", which is too short" : ", which is too long";
    }

    private static boolean isRegistryName(String name) {
        if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
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
