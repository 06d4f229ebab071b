package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.InvalidRegistryUriException;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** The table-test cases every flavor's URI rules are held to. */
public final class UriRuleCases {

    private UriRuleCases() {
    }

    /** A refused URI: the hint expected (or null), and fragments the reason must contain. */
    public static Arguments refusal(String uri, String hint, String... fragments) {
        return Arguments.of(uri, hint, List.of(fragments));
    }

    /** The flavor refuses {@code uri} with those fragments, and offers exactly {@code hint}, which it accepts as is. */
    public static void assertRefused(ContainerRegistryFlavor flavor, String uri, String hint, List<String> fragments) {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> flavor.normalizeUri(uri));
        assertThat(invalid).as("'%s' should be refused", uri).isNotNull();
        assertThat(invalid.uri()).isEqualTo(uri);
        assertThat(invalid.reason()).contains(fragments);
        assertThat(invalid.hint().orElse(null)).isEqualTo(hint);
        if (hint != null) {
            assertThat(flavor.normalizeUri(hint)).isEqualTo(hint);
        }
    }
}
