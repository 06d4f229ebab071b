package dev.hoist.push;

import static dev.hoist.push.ErrorAssertions.kindAndReason;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The advice of a refused push fits what Hoist sent: credentials from a source, or none. */
class RegistryAuthenticationExceptionTest {

    private final RegistryAuthenticationException refused =
            RegistryAuthenticationException.refused("localhost:5001/app:1", "unauthorized: authentication required");

    @Test
    void credentialsFromASourceAreToBeCheckedThere() {
        assertThat(refused.withCredentials("user 'ci' from docker config /root/.docker/config.json",
                "hoist.registries.basic.credentials").getMessage())
                .isEqualTo("The registry refused access to 'localhost:5001/app:1': unauthorized: authentication"
                        + " required. Hoist used user 'ci' from docker config /root/.docker/config.json. Check the username"
                        + " and password or token of that source, or configure credentials for the registry"
                        + " (hoist.registries.basic.credentials, or docker login), and check what the account may do there (pull, push, delete).");
    }

    @Test
    void anAnonymousPushIsToldToConfigureCredentialsNotToCheckASource() {
        assertThat(refused.withCredentials("no credentials (anonymous; asked docker config /root/.docker/config.json)",
                "hoist.registries.basic.credentials").getMessage())
                .isEqualTo("The registry refused access to 'localhost:5001/app:1': unauthorized: authentication"
                        + " required. Hoist used no credentials (anonymous; asked docker config /root/.docker/config.json)."
                        + " Configure credentials for the registry (hoist.registries.basic.credentials, or docker login),"
                        + " and check what the account may do there (pull, push, delete).")
                .doesNotContain("that source");
    }

    @Test
    void anInsecureRealmKeepsItsMessageWhateverCredentialsWereUsed() {
        RegistryAuthenticationException realm = RegistryAuthenticationException.insecureRealm("r.example",
                "its token realm http://auth.example/token is plain HTTP");
        assertThat(realm).satisfies(kindAndReason(ErrorKind.AUTHENTICATION,
                RegistryAuthenticationException.Reason.INSECURE_REALM));
        assertThat(realm.withCredentials("user 'ci' from docker config", "hoist.registries.r.credentials"))
                .isSameAs(realm)
                .hasMessage("Hoist does not send the credentials for r.example to its token service: its token realm"
                        + " http://auth.example/token is plain HTTP. Credentials go to a token realm only over HTTPS, or"
                        + " over plain HTTP when both the registry and the realm are on this machine.");
        assertThat(refused.withCredentials("no credentials", "x"))
                .satisfies(kindAndReason(ErrorKind.AUTHENTICATION, RegistryAuthenticationException.Reason.REFUSED));
    }
}
