package dev.hoist.push;

/**
 * A registry's Bearer challenge sends Hoist for a token to a realm where Hoist will not send credentials:
 * plain HTTP when the registry or the realm is not on this machine, or a realm that is not an http(s) URL.
 */
public class InsecureTokenRealmException extends PushException {

    /**
     * @param registry the registry host
     * @param reason why the realm was refused, naming it
     */
    public InsecureTokenRealmException(String registry, String reason) {
        super("Hoist does not send the credentials for " + registry + " to its token service: " + reason
                + ". Credentials go to a token realm only over HTTPS, or over plain HTTP when both the registry and"
                + " the realm are on this machine.", null);
    }
}
