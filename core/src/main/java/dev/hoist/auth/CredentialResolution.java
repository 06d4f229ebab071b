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
 * @param skipped what sources skipped on the way, such as a global {@code credsStore} helper that is not
 *     installed, one sentence each; no secrets
 */
public record CredentialResolution(String host, Optional<RegistryCredentials> credentials, List<String> consulted,
                                   List<String> skipped) {

    public CredentialResolution {
        consulted = List.copyOf(consulted);
        skipped = List.copyOf(skipped);
    }

    /** A lookup that skipped nothing. */
    public CredentialResolution(String host, Optional<RegistryCredentials> credentials, List<String> consulted) {
        this(host, credentials, consulted, List.of());
    }

    /** No credentials, with no source asked. */
    public static CredentialResolution anonymous(String host) {
        return new CredentialResolution(host, Optional.empty(), List.of());
    }

    /** Where the credentials came from, or that there were none, and what was skipped, in words for messages. */
    public String describe() {
        String found = credentials.map(c -> "credentials of user '" + c.username() + "' from " + c.source())
                .orElse(consulted.isEmpty() ? "no credentials (anonymous)"
                        : "no credentials (anonymous; asked " + String.join(", ", consulted) + ")");
        return skipped.isEmpty() ? found : found + "; skipped: " + String.join("; ", skipped);
    }
}
