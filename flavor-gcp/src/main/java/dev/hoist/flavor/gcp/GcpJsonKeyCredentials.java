package dev.hoist.flavor.gcp;

import dev.hoist.spi.CredentialLookupException;
import dev.hoist.spi.CredentialSource;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A service account key file named by {@code GOOGLE_APPLICATION_CREDENTIALS}, sent as user {@code _json_key}. */
final class GcpJsonKeyCredentials implements CredentialSource {

    static final String VARIABLE = "GOOGLE_APPLICATION_CREDENTIALS";

    private final Map<String, String> environment;
    private final String registryHost;

    GcpJsonKeyCredentials(Map<String, String> environment, String registryHost) {
        this.environment = Map.copyOf(environment);
        this.registryHost = registryHost;
    }

    @Override
    public Optional<RegistryCredentials> lookup(String host) {
        String file = environment.get(VARIABLE);
        if (!host.equalsIgnoreCase(registryHost) || file == null || file.isBlank()) {
            return Optional.empty();
        }
        Path path = Path.of(file);
        try {
            return Optional.of(RegistryCredentials.basic("_json_key", Secret.of(Files.readString(path)),
                    "environment " + VARIABLE + " (" + path + ")"));
        } catch (IOException unreadable) {
            throw new CredentialLookupException("Cannot read the key file " + path + " named by " + VARIABLE + ": "
                    + unreadable.getClass().getSimpleName() + ". Point it at a readable service account key file, or unset it.",
                    null);
        }
    }

    @Override
    public String toString() {
        return "environment " + VARIABLE + " (user _json_key)";
    }
}
