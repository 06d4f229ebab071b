package dev.hoist.spi;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * One place credentials may come from: config, an environment variable a flavor knows,
 * a docker config file, a credential helper. Sources are asked in order; the first answer wins.
 */
@FunctionalInterface
public interface CredentialSource {

    /**
     * The credentials this source holds for {@code host}, if any.
     *
     * @param host the registry host with its port, as docker writes it: {@code ghcr.io}, {@code localhost:5001}
     * @return the credentials, or empty when this source has none for the host
     * @throws CredentialLookupException when the source exists but cannot be read, for example a helper that is missing
     */
    Optional<RegistryCredentials> lookup(String host);

    /**
     * As {@link #lookup(String)}, and also reports what the source skipped on the way, such as a
     * global {@code credsStore} helper that is not installed, so that a later refusal can say so.
     * Notes name settings and helpers, never secrets.
     *
     * @param host the registry host with its port, as for {@link #lookup(String)}
     * @param notes receives one sentence per thing skipped
     * @return the credentials, or empty when this source has none for the host
     * @throws CredentialLookupException when the source exists but cannot be read
     */
    default Optional<RegistryCredentials> lookup(String host, Consumer<String> notes) {
        return lookup(host);
    }
}
