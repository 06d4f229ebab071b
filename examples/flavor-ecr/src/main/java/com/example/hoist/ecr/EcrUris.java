package com.example.hoist.ecr;

import dev.hoist.spi.InvalidRegistryUriException;
import dev.hoist.api.RegistryUri;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ECR's registry URI rules, on top of the ones every flavor shares: the registry host alone,
 * {@code <12-digit account id>.dkr.ecr.<region>.amazonaws.com[.cn]}, with no port and no path,
 * because ECR names repositories in the image rather than in the registry.
 */
final class EcrUris {

    private static final String FORM = "'<12-digit account id>.dkr.ecr.<region>.amazonaws.com'";
    private static final String EXAMPLE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String GLOBAL_DOMAIN = "amazonaws.com";
    private static final String CHINA_DOMAIN = "amazonaws.com.cn";
    private static final Pattern REGISTRY_HOST = Pattern.compile("([^.]+)\\.dkr\\.ecr\\.([^.]+)\\.(amazonaws\\.com(?:\\.cn)?)");
    private static final Pattern API_HOST = Pattern.compile("api\\.ecr(?:-fips)?\\.[^.]+\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    /** One leading zero short: tools that read an account id as a number drop it. */
    private static final Pattern ACCOUNT_ID_WITHOUT_LEADING_ZERO = Pattern.compile("[0-9]{11}");
    private static final Pattern REGION = Pattern.compile("[a-z]+(?:-[a-z]+)+-[0-9]+");
    private static final Pattern AVAILABILITY_ZONE = Pattern.compile("([a-z]+(?:-[a-z]+)+-[0-9]+)[a-z]");
    private static final Pattern REGION_MISSING_LAST_HYPHEN = Pattern.compile("([a-z]+(?:-[a-z]+)+)([0-9]+)");
    /** Each hint is checked by parsing it; this bounds how many times. */
    private static final int MAX_HINT_DEPTH = 6;

    private EcrUris() {
    }

    /** Checks a URI against the ecr rules and returns its normal form, the lower-case registry host. */
    static String normalize(String uri) {
        return parse(uri).host();
    }

    /** Checks a URI against the ecr rules and returns the registry it names. */
    static EcrRegistryHost parse(String uri) {
        return parse(uri, 0);
    }

    private static EcrRegistryHost parse(String uri, int depth) {
        RegistryUri parsed = parseShared(uri, depth);
        if (parsed.host().isEmpty()) {
            throw invalid(uri, "names no host; an ecr URI is " + FORM + ", such as '" + EXAMPLE + "'.", null);
        }
        String host = parsed.host().get();
        if (host.equals("ecr.aws") || host.endsWith(".ecr.aws")) {
            throw invalid(uri, "is on Amazon ECR Public ('" + host + "'), which this flavor does not support; it pushes"
                    + " to private registries, " + FORM + ". For ECR Public, use a flavor for any registry, such as 'default'.",
                    null);
        }
        Matcher registry = REGISTRY_HOST.matcher(host);
        if (!registry.matches()) {
            throw notARegistryHost(uri, host);
        }
        String account = registry.group(1);
        String region = registry.group(2);
        String domain = registry.group(3);
        checkAccount(uri, account, region, domain, depth);
        checkRegion(uri, account, region, domain, depth);
        boolean chinaRegion = region.startsWith("cn-");
        if (chinaRegion != domain.equals(CHINA_DOMAIN)) {
            String right = chinaRegion ? CHINA_DOMAIN : GLOBAL_DOMAIN;
            throw invalid(uri, "has region '" + region + "' under '" + domain + "', but " + (chinaRegion
                    ? "the China regions serve ECR under '" + CHINA_DOMAIN + "'." : "only the China regions use '"
                    + CHINA_DOMAIN + "'; the others use '" + GLOBAL_DOMAIN + "'."), hint(host(account, region, right), depth));
        }
        if (parsed.port().isPresent()) {
            throw invalid(uri, "has port " + parsed.port().get() + "; ECR serves registries on the HTTPS port only,"
                    + " so an ecr URI carries no port.", hint(host, depth));
        }
        if (!parsed.path().isEmpty()) {
            String path = String.join("/", parsed.path());
            throw invalid(uri, "has path '" + path + "', but an ecr URI is the registry host alone: ECR names the"
                    + " repository in the image, so push '" + host + "/" + path + ":<tag>' through registry '" + host + "'.",
                    hint(host, depth));
        }
        return new EcrRegistryHost(account, region, chinaRegion);
    }

    private static void checkAccount(String uri, String account, String region, String domain, int depth) {
        if (ACCOUNT_ID.matcher(account).matches()) {
            return;
        }
        String reason = "has account id '" + account + "', but an AWS account id is exactly 12 digits, like '123456789012'";
        String withoutHyphens = account.replace("-", "");
        if (!withoutHyphens.equals(account) && ACCOUNT_ID.matcher(withoutHyphens).matches()) {
            // The console shows account ids as 1234-5678-9012.
            throw invalid(uri, reason + ", without hyphens.", hint(host(withoutHyphens, region, domain), depth));
        }
        if (ACCOUNT_ID_WITHOUT_LEADING_ZERO.matcher(account).matches()) {
            throw invalid(uri, reason + "; this one may have lost its leading zero to a tool that read it as a number.",
                    hint(host("0" + account, region, domain), depth));
        }
        throw invalid(uri, reason + ".", null);
    }

    private static void checkRegion(String uri, String account, String region, String domain, int depth) {
        if (REGION.matcher(region).matches()) {
            return;
        }
        Matcher zone = AVAILABILITY_ZONE.matcher(region);
        if (zone.matches()) {
            throw invalid(uri, "has '" + region + "' where the region goes; that is an availability zone, whose region"
                    + " is '" + zone.group(1) + "'.", hint(host(account, zone.group(1), domain), depth));
        }
        Matcher missingHyphen = REGION_MISSING_LAST_HYPHEN.matcher(region);
        String fixed = missingHyphen.matches() ? missingHyphen.group(1) + "-" + missingHyphen.group(2) : null;
        throw invalid(uri, "has region '" + region + "', which is not an AWS region like 'eu-west-1', 'ap-southeast-2'"
                + " or 'us-gov-west-1'.", fixed == null ? null : hint(host(account, fixed, domain), depth));
    }

    private static InvalidRegistryUriException notARegistryHost(String uri, String host) {
        if (API_HOST.matcher(host).matches()) {
            return invalid(uri, "names '" + host + "', the ECR API endpoint, not a registry; a registry is " + FORM
                    + ", with the account id of the registry's owner.", null);
        }
        if (host.startsWith("dkr.ecr.")) {
            return invalid(uri, "names no account id; an ecr URI is " + FORM + ", such as '" + EXAMPLE + "'.", null);
        }
        return invalid(uri, "names '" + host + "', which is not an ECR registry host; an ecr URI is " + FORM
                + " ('" + CHINA_DOMAIN + "' in the China regions), such as '" + EXAMPLE + "'.", null);
    }

    private static String host(String account, String region, String domain) {
        return account + ".dkr.ecr." + region + "." + domain;
    }

    private static RegistryUri parseShared(String uri, int depth) {
        try {
            return RegistryUri.parse(uri);
        } catch (InvalidRegistryUriException shared) {
            // The shared rules' hint suits any registry; offer only one that this flavor accepts too.
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
            return parse(candidate, depth + 1).host();
        } catch (InvalidRegistryUriException stillWrong) {
            return stillWrong.hint().orElse(null);
        }
    }

    private static InvalidRegistryUriException invalid(String uri, String problem, String hint) {
        return new InvalidRegistryUriException(uri, "Registry URI '" + uri + "' " + problem, hint);
    }
}
