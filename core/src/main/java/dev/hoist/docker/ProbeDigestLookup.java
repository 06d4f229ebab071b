package dev.hoist.docker;

import dev.hoist.auth.ProbeStatus;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.auth.RegistryProbe;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A {@link RegistryDigestLookup} over {@link RegistryProbe}'s connection and challenge flow (Basic, or a
 * Bearer token for {@code push,pull} on the repository), so that the digest is asked for with the same
 * credentials, schemes and trust rules as {@code hoist auth} uses.
 */
final class ProbeDigestLookup implements RegistryDigestLookup {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private final Supplier<RegistryProbe> factory;
    private RegistryProbe probe;

    /**
     * @param factory makes the probe on first use: its HTTP clients start selector threads, which an engine that
     *        never pushes should not leave behind
     */
    ProbeDigestLookup(Supplier<RegistryProbe> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    private synchronized RegistryProbe probe() {
        if (probe == null) {
            probe = factory.get();
        }
        return probe;
    }

    @Override
    public String digest(String registryHost, String repositoryPath, String tag, Optional<RegistryCredentials> credentials)
            throws Unavailable {
        RegistryProbe.Session session = probe().open(registryHost, credentials, repositoryPath);
        if (session.result().status() != ProbeStatus.OK) {
            throw new Unavailable(session.result().detail());
        }
        String path = "/v2/" + repositoryPath + "/manifests/" + tag;
        HttpResponse<Void> answer;
        try {
            answer = session.send("HEAD", path, ACCEPT);
        } catch (IOException failed) {
            throw new Unavailable("HEAD " + path + " at " + registryHost + " failed: " + failed.getClass().getSimpleName()
                    + (failed.getMessage() == null ? "" : " " + failed.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking " + registryHost + " for the digest");
        }
        if (answer.statusCode() != 200) {
            throw new Unavailable("HEAD " + path + " at " + registryHost + " answered HTTP " + answer.statusCode());
        }
        Optional<String> digest = answer.headers().firstValue("Docker-Content-Digest").map(String::strip);
        if (digest.isEmpty() || !DIGEST.matcher(digest.get()).matches()) {
            throw new Unavailable("HEAD " + path + " at " + registryHost + " answered without a sha256 Docker-Content-Digest");
        }
        return digest.get();
    }
}
