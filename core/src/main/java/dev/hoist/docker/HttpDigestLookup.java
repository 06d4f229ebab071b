package dev.hoist.docker;

import dev.hoist.distribution.HttpSettings;
import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.Manifests;
import dev.hoist.distribution.RegistryHost;
import dev.hoist.distribution.RegistryHttp;
import dev.hoist.spi.HoistException;
import dev.hoist.spi.RegistryCredentials;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link RegistryDigestLookup} over the registry HTTP layer: one {@code HEAD} of the manifest
 * ({@link Manifests#head}) with the same credentials, schemes, trust rules and Docker Hub API host as a push.
 */
final class HttpDigestLookup implements RegistryDigestLookup {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final HttpSettings settings;

    HttpDigestLookup(HttpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String digest(String registryHost, String repositoryPath, String tag,
                         Optional<RegistryCredentials> credentials) throws Unavailable {
        String image = registryHost + "/" + repositoryPath + ":" + tag;
        ManifestInfo held;
        try (RegistryHttp http = new RegistryHttp(settings, RegistryHost.of(registryHost), credentials, image)) {
            held = new Manifests(http).head(repositoryPath, tag);
        } catch (HoistException failed) {
            throw new Unavailable(failed.getMessage());
        }
        if (!DIGEST.matcher(held.digest()).matches()) {
            throw new Unavailable("HEAD /v2/" + repositoryPath + "/manifests/" + tag + " at " + registryHost
                    + " answered without a sha256 Docker-Content-Digest");
        }
        return held.digest();
    }
}
