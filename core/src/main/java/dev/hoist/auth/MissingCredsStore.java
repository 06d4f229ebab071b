package dev.hoist.auth;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A docker config's global {@code credsStore} that names a helper which is not installed: skipped,
 * with one warning per process for each config and helper, however many lookups reach it.
 */
final class MissingCredsStore {

    private static final Logger LOG = LoggerFactory.getLogger(DockerConfigFile.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** Where the warning goes; a seam for tests. */
    static volatile Consumer<String> warnings = LOG::warn;

    private MissingCredsStore() {
    }

    /**
     * Warns, the first time in this process for this config and helper, and returns the note for
     * the lookup's result.
     *
     * @param config the config, as messages name it: {@code docker config /root/.docker/config.json}
     * @param binary the helper's binary, {@code docker-credential-<suffix>}
     * @return one sentence for {@link CredentialResolution#skipped()}
     */
    static String skip(String config, String binary) {
        if (WARNED.add(config + "\u0000" + binary)) {
            warnings.accept("Skipping credsStore in " + config + ": its credential helper " + binary
                    + " is not installed (not on the PATH). Pushes go on without it, as docker's do; install " + binary
                    + ", or remove \"credsStore\" from that file.");
        }
        return "credsStore in " + config + " names credential helper " + binary + ", which is not installed"
                + " (not on the PATH)";
    }
}
