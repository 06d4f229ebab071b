package dev.hoist.auth;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.CredentialLookupException;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The credentials written on a registry in config: {@code credentials { username, password }}
 * or {@code credentials { username, password-file }}. They belong to that registry, so they are
 * offered for its own host only.
 */
final class ExplicitCredentials implements CredentialSource {

    private final String path;
    private final String registryHost;
    private final Config credentials;

    /**
     * @param path the full path of the {@code credentials} setting, such as {@code hoist.registries.prod.credentials}
     */
    ExplicitCredentials(String path, String registryHost, Config credentials) {
        this.path = path;
        this.registryHost = registryHost;
        this.credentials = credentials;
    }

    @Override
    public Optional<RegistryCredentials> lookup(String host) {
        if (!host.equalsIgnoreCase(registryHost)) {
            return Optional.empty();
        }
        String username = credentials.getString("username");
        String source = "config " + path;
        if (credentials.hasPath("password")) {
            return Optional.of(RegistryCredentials.basic(username, Secret.of(credentials.getString("password")), source));
        }
        Path file = Path.of(credentials.getString("password-file"));
        try {
            // A password file usually ends with a newline that is not part of the password.
            String password = Files.readString(file).strip();
            return Optional.of(RegistryCredentials.basic(username, Secret.of(password), source + ".password-file (" + file + ")"));
        } catch (IOException unreadable) {
            throw new CredentialLookupException("Cannot read the password file " + file + " named by " + path
                    + ".password-file: " + unreadable.getClass().getSimpleName() + ". Check that it exists and is readable.",
                    null);
        }
    }
}
