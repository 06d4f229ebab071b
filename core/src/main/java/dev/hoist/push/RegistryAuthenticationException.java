package dev.hoist.push;

import java.util.Objects;

/**
 * The registry refused the credentials, or asked for some and got none ({@link Reason#REFUSED}: the message names
 * their source), or its token service is somewhere Hoist does not send them ({@link Reason#INSECURE_REALM}).
 * {@link ErrorKind#AUTHENTICATION}.
 */
public class RegistryAuthenticationException extends PushException {

    /** Why there was no authenticated push. */
    public enum Reason {
        /** The registry or its token service refused the credentials, or asked for some and got none. */
        REFUSED,
        /**
         * A registry's Bearer challenge sends Hoist for a token to a realm where Hoist will not send credentials:
         * plain HTTP when the registry or the realm is not on this machine, or a realm that is not an http(s) URL.
         */
        INSECURE_REALM
    }

    /** How a description of no credentials begins ({@code CredentialResolution.describe()}). */
    private static final String ANONYMOUS = "no credentials";

    private final Reason reason;
    private final String image;
    private final String engineMessage;

    private RegistryAuthenticationException(Reason reason, String message, String image, String engineMessage) {
        super(message, null);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.image = image;
        this.engineMessage = engineMessage;
    }

    /**
     * The registry refused access; {@link #withCredentials} says which credentials were used.
     *
     * @param image the image, or the registry host when no image is concerned
     * @param engineMessage what the registry (or the engine) said
     */
    public static RegistryAuthenticationException refused(String image, String engineMessage) {
        return refused(image, engineMessage, null, "<root>.registries.<name>.credentials");
    }

    private static RegistryAuthenticationException refused(String image, String engineMessage, String credentials,
                                                           String setting) {
        return new RegistryAuthenticationException(Reason.REFUSED, "The registry refused access to '" + image
                + "': " + engineMessage
                + (credentials == null ? "" : ". Hoist used " + credentials)
                + (credentials == null || credentials.startsWith(ANONYMOUS)
                ? ". Configure credentials for the registry (" + setting + ", or docker login)"
                : ". Check the username and password or token of that source, or configure credentials for the registry"
                + " (" + setting + ", or docker login)") + ", and check what the account may do there (pull, push, delete).", image,
                engineMessage);
    }

    /**
     * Hoist does not send the credentials to the registry's token realm.
     *
     * @param registry the registry host
     * @param reason why the realm was refused, naming it
     */
    public static RegistryAuthenticationException insecureRealm(String registry, String reason) {
        return new RegistryAuthenticationException(Reason.INSECURE_REALM, "Hoist does not send the credentials for "
                + registry + " to its token service: " + reason + ". Credentials go to a token realm only over HTTPS,"
                + " or over plain HTTP when both the registry and the realm are on this machine.", null, null);
    }

    /**
     * The same refusal, saying which credentials were used: their source and user, never the secret. An
     * {@link Reason#INSECURE_REALM} error, which is about where the credentials would go, is returned as it is.
     *
     * @param credentialsDescription the source and user, as {@code CredentialResolution.describe()} gives them; one
     *        that begins "no credentials" (an anonymous push) gets advice to configure some instead
     * @param setting the full path of the registry's credentials setting, such as {@code hoist.registries.prod.credentials}
     * @return the refusal with both in its message
     */
    public RegistryAuthenticationException withCredentials(String credentialsDescription, String setting) {
        return reason == Reason.REFUSED ? refused(image, engineMessage, credentialsDescription, setting) : this;
    }

    /** Why there was no authenticated push. */
    public Reason reason() {
        return reason;
    }

    /** {@link ErrorKind#AUTHENTICATION}. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.AUTHENTICATION;
    }
}
