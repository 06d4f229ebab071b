package dev.hoist.push;

/** The registry refused the credentials, or asked for some and got none. */
public class RegistryAuthenticationException extends PushException {

    public RegistryAuthenticationException(String image, String engineMessage) {
        super("The registry refused to let this push '" + image + "': " + engineMessage
                + ". Log in to the registry or configure credentials for it, and check the account may push there.",
                null);
    }
}
