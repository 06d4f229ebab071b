package dev.hoist.api;

import dev.hoist.spi.Secret;
import dev.hoist.spi.RegistryCredentials;
import dev.hoist.spi.CredentialSource;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Credentials held in environment variables, as CI systems provide them, offered only to the
 * hosts of their provider. Flavors build their native sources from this.
 */
public final class EnvironmentCredentials implements CredentialSource {

    private final Map<String, String> environment;
    private final String userVariable;
    private final String fixedUser;
    private final String secretVariable;
    private final Predicate<String> providerHost;

    private EnvironmentCredentials(Map<String, String> environment, String userVariable, String fixedUser,
                                   String secretVariable, Predicate<String> providerHost) {
        this.environment = Map.copyOf(environment);
        this.userVariable = userVariable;
        this.fixedUser = fixedUser;
        this.secretVariable = secretVariable;
        this.providerHost = providerHost;
    }

    /**
     * The user name in {@code userVariable}, the secret in {@code secretVariable}.
     *
     * @param environment the environment to read, such as {@code System.getenv()}
     * @param userVariable the variable that holds the user name
     * @param secretVariable the variable that holds the password or token
     * @param providerHost which registry hosts (with port) the credentials are for; others get none
     * @return the source
     */
    public static EnvironmentCredentials userAndSecret(Map<String, String> environment, String userVariable,
                                                       String secretVariable, Predicate<String> providerHost) {
        return new EnvironmentCredentials(environment, userVariable, null, secretVariable, providerHost);
    }

    /**
     * A fixed user name, such as {@code oauth2accesstoken}, with the secret in {@code secretVariable}.
     *
     * @param environment the environment to read, such as {@code System.getenv()}
     * @param user the user name the provider expects with its tokens
     * @param secretVariable the variable that holds the token
     * @param providerHost which registry hosts (with port) the credentials are for; others get none
     * @return the source
     */
    public static EnvironmentCredentials fixedUser(Map<String, String> environment, String user, String secretVariable,
                                                   Predicate<String> providerHost) {
        return new EnvironmentCredentials(environment, null, user, secretVariable, providerHost);
    }

    @Override
    public Optional<RegistryCredentials> lookup(String host) {
        if (!providerHost.test(host)) {
            return Optional.empty();
        }
        Optional<String> secret = value(secretVariable);
        Optional<String> user = fixedUser != null ? Optional.of(fixedUser) : value(userVariable);
        if (secret.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(RegistryCredentials.basic(user.get(), Secret.of(secret.get()), describe()));
    }

    /** {@return where this source looks, without values: the variables' names} */
    public String describe() {
        return "environment " + secretVariable + (fixedUser != null ? " (user " + fixedUser + ")" : " (user from " + userVariable + ")");
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return describe();
    }
}
