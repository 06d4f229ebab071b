package dev.hoist.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code WWW-Authenticate} parsing and the scopes a token refresh asks for. */
class ChallengeTest {

    @Test
    void parsesABearerChallengeWithSeveralScopes() {
        Challenge challenge = Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg\","
                + "scope=\"repository:a/b:pull,push repository:c:pull\",error=\"insufficient_scope\"").orElseThrow();
        assertThat(challenge.is("bearer")).isTrue();
        assertThat(challenge.param("realm")).contains("https://auth.example/token");
        assertThat(challenge.param("service")).contains("reg");
        assertThat(challenge.scopes()).containsExactly("repository:a/b:pull,push", "repository:c:pull");
    }
}
