package dev.hoist.flavor.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hoist.spi.InvalidRegistryUriException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AzureFlavorTest {

    private static final String NAME_50 = "a".repeat(50);
    private static final String NAME_51 = "a".repeat(51);

    private final AzureFlavor flavor = new AzureFlavor();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
        "myregistry.azurecr.io, myregistry.azurecr.io",
        "myregistry.azurecr.io/, myregistry.azurecr.io",
        "MyRegistry.AzureCR.IO, myregistry.azurecr.io",
        "myregistry.azurecr.io/team, myregistry.azurecr.io/team",
        "myregistry.azurecr.io/team/sub/app, myregistry.azurecr.io/team/sub/app",
        "contoso.azurecr.cn, contoso.azurecr.cn",
        "contoso.azurecr.us/ns, contoso.azurecr.us/ns",
        "abcde.azurecr.io, abcde.azurecr.io",
        "12345.azurecr.io, 12345.azurecr.io",
        "Registry2024.azurecr.io/a.b_c, registry2024.azurecr.io/a.b_c",
    })
    void acceptsLoginServersAndNormalisesThem(String uri, String normal) {
        assertThat(flavor.normalizeUri(uri)).isEqualTo(normal);
        assertThat(flavor.normalizeUri(normal)).isEqualTo(normal);
    }

    @Test
    void acceptsNamesOfFiftyCharacters() {
        assertThat(flavor.normalizeUri(NAME_50 + ".azurecr.io")).isEqualTo(NAME_50 + ".azurecr.io");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // uri, hint (null: none), fragments of the reason
                refused("azurecr.io", null, "without a registry", "'<name>.azurecr.io'", AzureUris.NAMING_RULE),
                refused("azurecr.us/team", null, "without a registry", "'<name>.azurecr.us'"),
                refused("myregistry.azurecr.com", "myregistry.azurecr.io", "not an Azure Container Registry login server"),
                refused("myregistry.azurecr.com/team", "myregistry.azurecr.io/team", "login server"),
                refused("myregistry.azurecr.us.example.com", "myregistry.azurecr.us", "login server"),
                refused("myregistry.westeurope.data.azurecr.io/app", "myregistry.azurecr.io/app", "login server"),
                refused("a.b.azurecr.io", null, "login server"),
                refused("my-registry.azurecr.io", "myregistry.azurecr.io", "'my-registry', which has a hyphen",
                        AzureUris.NAMING_RULE),
                refused("ab-c.azurecr.io", null, "has a hyphen", "5 to 50 letters and digits"),
                refused("abcd.azurecr.io", null, "'abcd', which is too short", AzureUris.NAMING_RULE),
                refused(NAME_51 + ".azurecr.io", null, "which is too long", AzureUris.NAMING_RULE),
                refused("myregistry.azurecr.io:443", "myregistry.azurecr.io", "has port 443"),
                refused("myregistry.azurecr.io:5000/team", "myregistry.azurecr.io/team", "has port 5000"),
                refused("myregistry/app", "myregistry.azurecr.io/app", "names no host"),
                refused("myregistry", "myregistry.azurecr.io", "names no host"),
                refused("team-a/app", null, "names no host"),
                refused("https://MyRegistry.azurecr.io/", "myregistry.azurecr.io", "has a scheme ('https://')"),
                refused("myregistry.azurecr.io/App", "myregistry.azurecr.io/app", "'App' with upper case"),
                refused("my-registry.azurecr.io/App", "myregistry.azurecr.io/app", "'App' with upper case"),
                refused("myregistry.azurecr.io/team:latest", "myregistry.azurecr.io/team", "carries a tag"),
                refused("registry.example.com", null, "not an Azure Container Registry login server"),
                refused("localhost:5000", null, "not an Azure Container Registry login server"),
                refused("[::1]:5000/team", null, "login server"),
                refused("", null, "is empty"));
    }

    private static Arguments refused(String uri, String hint, String... fragments) {
        return Arguments.of(uri, hint, List.of(fragments));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
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

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("azure");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://learn.microsoft.com/azure/container-registry/");
    }
}
