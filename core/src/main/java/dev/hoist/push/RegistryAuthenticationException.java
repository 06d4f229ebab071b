package dev.hoist.push;

/** The registry refused the credentials, or asked for some and got none. The message names their source. */
public class RegistryAuthenticationException extends PushException {

    private final String image;
    private final String engineMessage;

    public RegistryAuthenticationException(String image, String engineMessage) {
        this(image, engineMessage, null);
    }

    private RegistryAuthenticationException(String image, String engineMessage, String credentials) {
        super("The registry refused to let this push '" + image + "': " + engineMessage
                + (credentials == null ? "" : ". Hoist used " + credentials)
                + ". Check the username and password or token of that source, or configure credentials for the registry"
                + " (hoist.registries.<name>.credentials, or docker login), and check the account may push there.", null);
        this.image = image;
        this.engineMessage = engineMessage;
    }

    /** The same refusal, saying which credentials were used: their source and user, never the secret. */
    public RegistryAuthenticationException withCredentials(String credentialsDescription) {
        return new RegistryAuthenticationException(image, engineMessage, credentialsDescription);
    }
}
