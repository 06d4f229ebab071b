package dev.hoist.auth;

import dev.hoist.spi.RegistryCredentials;

import java.util.List;
import java.util.Optional;

/**
 * What the credential lookup for one host found.
 *
 * @param host the registry host with its port
 * @param credentials the first answer, if any source had one
 * @param consulted the sources asked, in order, for messages such as "none of these had credentials"
 */
public record CredentialResolution(String host, Optional<RegistryCredentials> credentials, List<String> consulted) {

    public CredentialResolution {
        consulted = List.copyOf(consulted);
    }

    /** No credentials, with no source asked. */
    public static CredentialResolution anonymous(String host) {
        return new CredentialResolution(host, Optional.empty(), List.of());
    }

    /** Where the credentials came from, or that there were none, in words for messages. */
    public String describe() {
        return credentials.map(c -> "credentials of user '" + c.username() + "' from " + c.source())
                .orElse(consulted.isEmpty() ? "no credentials (anonymous)"
                        : "no credentials (anonymous; asked " + String.join(", ", consulted) + ")");
    }
}
