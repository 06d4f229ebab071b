package dev.hoist.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a token refresh combines our scopes with the challenge's. */
class ScopeMergeTest {

    @Test
    void aRefreshNeverNarrowsTheScopes() {
        assertThat(TokenExchange.mergeScopes(List.of("repository:a:pull,push"), List.of("repository:a:pull")))
                .containsExactly("repository:a:pull,push");
        assertThat(TokenExchange.mergeScopes(List.of("repository:a:pull,push"),
                List.of("repository:b:pull", "registry:catalog:*")))
                .containsExactly("repository:a:pull,push", "repository:b:pull", "registry:catalog:*");
    }
}
