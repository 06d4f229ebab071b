package dev.hoist.flavor.azure;

import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.api.UriRules;
import static dev.hoist.api.UriRules.invalid;
import dev.hoist.api.RegistryUri;
import java.util.List;

/**
 * Azure Container Registry's URI rules, on top of the ones every flavor shares: the host is a
 * login server {@code <name>.azurecr.io} (or a sovereign cloud's), with no port; a path may follow.
 */
final class AzureUris {

    /** The rules, for the flavor to call. */
    static final UriRules RULES = UriRules.of(AzureUris::check);

    static final String NAMING_RULE = "a registry name is 5 to 50 letters and digits, with no hyphen or other sign";
    private static final int MIN_NAME = 5;
    private static final int MAX_NAME = 50;
    /** The public cloud's domain first: it is the one a hint offers. */
    private static final List<String> DOMAINS = List.of("azurecr.io", "azurecr.cn", "azurecr.us");
    private static final String FORM = "'<name>.azurecr.io' (or '<name>.azurecr.cn', '<name>.azurecr.us' in the"
            + " sovereign clouds), optionally followed by a path";

    private AzureUris() {
    }

    private static String check(String uri, RegistryUri parsed, UriRules.Hints hints) {
        List<String> path = parsed.path();
        String pathSuffix = path.isEmpty() ? "" : "/" + String.join("/", path);
        if (parsed.host().isEmpty()) {
            // 'myregistry/app': most likely the login server's domain was left off.
            String first = path.get(0);
            String rest = path.size() == 1 ? "" : "/" + String.join("/", path.subList(1, path.size()));
            throw invalid(uri, "names no host; an Azure Container Registry URI is " + FORM + ".",
                    isRegistryName(first) ? hints.offer(first + "." + DOMAINS.get(0) + rest) : null);
        }
        String host = parsed.host().get();
        int dot = host.indexOf('.');
        String domain = dot < 0 ? "" : host.substring(dot + 1);
        if (DOMAINS.contains(host)) {
            throw invalid(uri, "names the domain '" + host + "' without a registry; put the registry's name"
                    + " before it, as '<name>." + host + "' (" + NAMING_RULE + ").", null);
        }
        if (!DOMAINS.contains(domain)) {
            throw notAzure(uri, host, pathSuffix, hints);
        }
        String name = host.substring(0, dot);
        if (!isRegistryName(name)) {
            String withoutHyphens = name.replace("-", "");
            throw invalid(uri, "has registry name '" + name + "'" + nameProblem(name) + "; " + NAMING_RULE + ".",
                    isRegistryName(withoutHyphens) ? hints.offer(withoutHyphens + "." + domain + pathSuffix) : null);
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has port " + parsed.port().get() + "; Azure Container Registry serves only"
                    + " HTTPS on its default port, so its URI has none.", hints.offer(host + pathSuffix));
        }
        return parsed.normalized();
    }

    /** Says why a host is not a login server, and offers one when only the domain is off. */
    private static InvalidRegistryUriException notAzure(String uri, String host, String pathSuffix, UriRules.Hints hints) {
        String[] labels = host.split("\\.");
        String hint = null;
        int azurecr = List.of(labels).indexOf("azurecr");
        if (azurecr == 1 && isRegistryName(labels[0])) {
            // 'myregistry.azurecr.com', 'myregistry.azurecr.io.example': the login server was meant.
            String tld = labels.length > 2 ? labels[2] : "";
            String domain = DOMAINS.contains("azurecr." + tld) ? "azurecr." + tld : DOMAINS.get(0);
            hint = hints.offer(labels[0] + "." + domain + pathSuffix);
        } else if (azurecr > 1 && isRegistryName(labels[0])) {
            // 'myregistry.westeurope.data.azurecr.io' and the like are endpoints behind the login server.
            hint = hints.offer(labels[0] + "." + String.join(".", List.of(labels).subList(azurecr, labels.length))
                    + pathSuffix);
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
}
