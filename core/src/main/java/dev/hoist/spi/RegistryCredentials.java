package dev.hoist.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * Credentials for one registry host, and where they came from.
 *
 * @param username the user name; for an identity token, the docker convention {@code <token>}
 * @param password the password or access token; empty when an identity token is used
 * @param identityToken an OAuth2 refresh token that the registry exchanges, if that is the form
 * @param source where Hoist found them, for messages, for example {@code config hoist.registries.prod.credentials}
 */
public record RegistryCredentials(String username, Optional<Secret> password, Optional<Secret> identityToken,
                                  String source) {

    /** The username docker uses to mark an identity token. */
    public static final String IDENTITY_TOKEN_USER = "<token>";

    /**
     * Checks that no part is {@code null}.
     *
     * @param username the user name, or {@link #IDENTITY_TOKEN_USER}
     * @param password the password or access token, if any
     * @param identityToken the identity token, if any
     * @param source where Hoist found them
     */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(identityToken, "identityToken");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A username and password (or access token).
     *
     * @param username the user name
     * @param password the password or access token
     * @param source where Hoist found them, for messages
     * @return the credentials
     */
    public static RegistryCredentials basic(String username, Secret password, String source) {
        return new RegistryCredentials(username, Optional.of(password), Optional.empty(), source);
    }

    /**
     * An identity token, as docker login stores for some registries.
     *
     * @param token the identity token (an OAuth2 refresh token)
     * @param source where Hoist found it, for messages
     * @return the credentials, with the user name {@link #IDENTITY_TOKEN_USER}
     */
    public static RegistryCredentials identityToken(Secret token, String source) {
        return new RegistryCredentials(IDENTITY_TOKEN_USER, Optional.empty(), Optional.of(token), source);
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", secret=****, source=" + source + "]";
    }
}
