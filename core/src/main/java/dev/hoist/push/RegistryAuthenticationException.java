package dev.hoist.push;

/** The registry refused the credentials, or asked for some and got none. The message names their source. */
public class RegistryAuthenticationException extends PushException {

    /** How a description of no credentials begins ({@code CredentialResolution.describe()}). */
    private static final String ANONYMOUS = "no credentials";

    private final String image;
    private final String engineMessage;

    public RegistryAuthenticationException(String image, String engineMessage) {
        this(image, engineMessage, null, "<root>.registries.<name>.credentials");
    }

    private RegistryAuthenticationException(String image, String engineMessage, String credentials, String setting) {
        super("The registry refused to let this push '" + image + "': " + engineMessage
                + (credentials == null ? "" : ". Hoist used " + credentials)
                + (credentials == null || credentials.startsWith(ANONYMOUS)
                ? ". Configure credentials for the registry (" + setting + ", or docker login)"
                : ". Check the username and password or token of that source, or configure credentials for the registry"
                + " (" + setting + ", or docker login)") + ", and check the account may push there.", null);
        this.image = image;
        this.engineMessage = engineMessage;
    }

    /**
     * The same refusal, saying which credentials were used: their source and user, never the secret.
     *
     * @param credentialsDescription the source and user, as {@code CredentialResolution.describe()} gives them; one
     *        that begins "no credentials" (an anonymous push) gets advice to configure some instead
     * @param setting the full path of the registry's credentials setting, such as {@code hoist.registries.prod.credentials}
     * @return the refusal with both in its message
     */
    public RegistryAuthenticationException withCredentials(String credentialsDescription, String setting) {
        return new RegistryAuthenticationException(image, engineMessage, credentialsDescription, setting);
    }
}
