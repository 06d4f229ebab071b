package dev.hoist.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.InvalidRegistryUriException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A flavor's URI rules as a table: URIs it accepts with their normal form, and URIs it refuses
 * with the hint it offers and words its reason must contain. For the {@code acme} flavor of
 * {@code docs/writing-a-flavor.md}:
 *
 * <pre>{@code
 * UriRuleTable.create()
 *     .valid("Registry.Acme.Example/team/", "registry.acme.example/team")
 *     .refused("registry.acme.example/Team", "registry.acme.example/team", "upper case")
 * }</pre>
 */
public final class UriRuleTable {

    /**
     * An accepted URI.
     *
     * @param uri as written in config
     * @param normalized the normal form the flavor must return
     */
    public record Valid(String uri, String normalized) {
    }

    /**
     * A refused URI.
     *
     * @param uri as written in config
     * @param hint the correction the flavor must offer, or {@code null} for none
     * @param fragments words the reason must contain
     */
    public record Refused(String uri, String hint, List<String> fragments) {
    }

    private final List<Valid> valid = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();

    private UriRuleTable() {
    }

    /**
     * An empty table.
     *
     * @return a table to add rows to
     */
    public static UriRuleTable create() {
        return new UriRuleTable();
    }

    /**
     * Adds an accepted URI.
     *
     * @param uri as written
     * @param normalized its expected normal form
     * @return this table
     */
    public UriRuleTable valid(String uri, String normalized) {
        valid.add(new Valid(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(normalized, "normalized")));
        return this;
    }

    /**
     * Adds a refused URI.
     *
     * @param uri as written
     * @param hint the expected hint, or {@code null}
     * @param fragments words the reason must contain
     * @return this table
     */
    public UriRuleTable refused(String uri, String hint, String... fragments) {
        refused.add(new Refused(Objects.requireNonNull(uri, "uri"), hint, List.of(fragments)));
        return this;
    }

    /** {@return the accepted rows, in order} */
    public List<Valid> valid() {
        return List.copyOf(valid);
    }

    /** {@return the refused rows, in order} */
    public List<Refused> refused() {
        return List.copyOf(refused);
    }

    /**
     * Asserts that the flavor accepts {@code row.uri()} with exactly that normal form, and that the
     * normal form is its own normal form (it round-trips).
     *
     * @param flavor the flavor under test
     * @param row the row
     */
    public static void assertValid(ContainerRegistryFlavor flavor, Valid row) {
        assertThat(flavor.normalizeUri(row.uri())).as("normal form of '%s'", row.uri()).isEqualTo(row.normalized());
        assertThat(flavor.normalizeUri(row.normalized())).as("'%s' round-trips", row.normalized())
                .isEqualTo(row.normalized());
    }

    /**
     * Asserts that the flavor refuses {@code row.uri()} with those words, offers exactly
     * {@code row.hint()}, and accepts that hint as it is.
     *
     * @param flavor the flavor under test
     * @param row the row
     */
    public static void assertRefused(ContainerRegistryFlavor flavor, Refused row) {
        InvalidRegistryUriException invalid = catchThrowableOfType(InvalidRegistryUriException.class,
                () -> flavor.normalizeUri(row.uri()));
        assertThat(invalid).as("'%s' should be refused", row.uri()).isNotNull();
        assertThat(invalid.uri()).isEqualTo(row.uri());
        assertThat(invalid.reason()).contains(row.fragments());
        assertThat(invalid.hint().orElse(null)).as("hint for '%s'", row.uri()).isEqualTo(row.hint());
        if (row.hint() != null) {
            assertThat(flavor.normalizeUri(row.hint())).as("the hint '%s' is itself valid", row.hint())
                    .isEqualTo(row.hint());
        }
    }
}
