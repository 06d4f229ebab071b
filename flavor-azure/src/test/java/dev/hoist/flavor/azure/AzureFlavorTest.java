package dev.hoist.flavor.azure;

import static dev.hoist.testing.UriRuleCases.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.testing.UriRuleCases;
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
                refusal("azurecr.io", null, "without a registry", "'<name>.azurecr.io'", AzureUris.NAMING_RULE),
                refusal("azurecr.us/team", null, "without a registry", "'<name>.azurecr.us'"),
                refusal("myregistry.azurecr.com", "myregistry.azurecr.io", "not an Azure Container Registry login server"),
                refusal("myregistry.azurecr.com/team", "myregistry.azurecr.io/team", "login server"),
                refusal("myregistry.azurecr.us.example.com", "myregistry.azurecr.us", "login server"),
                refusal("myregistry.westeurope.data.azurecr.io/app", "myregistry.azurecr.io/app", "login server"),
                refusal("a.b.azurecr.io", null, "login server"),
                refusal("my-registry.azurecr.io", "myregistry.azurecr.io", "'my-registry', which has a hyphen",
                        AzureUris.NAMING_RULE),
                refusal("ab-c.azurecr.io", null, "has a hyphen", "5 to 50 letters and digits"),
                refusal("abcd.azurecr.io", null, "'abcd', which is too short", AzureUris.NAMING_RULE),
                refusal(NAME_51 + ".azurecr.io", null, "which is too long", AzureUris.NAMING_RULE),
                refusal("myregistry.azurecr.io:443", "myregistry.azurecr.io", "has port 443"),
                refusal("myregistry.azurecr.io:5000/team", "myregistry.azurecr.io/team", "has port 5000"),
                refusal("myregistry/app", "myregistry.azurecr.io/app", "names no host"),
                refusal("myregistry", "myregistry.azurecr.io", "names no host"),
                refusal("team-a/app", null, "names no host"),
                refusal("https://MyRegistry.azurecr.io/", "myregistry.azurecr.io", "has a scheme ('https://')"),
                refusal("myregistry.azurecr.io/App", "myregistry.azurecr.io/app", "'App' with upper case"),
                refusal("my-registry.azurecr.io/App", "myregistry.azurecr.io/app", "'App' with upper case"),
                refusal("myregistry.azurecr.io/team:latest", "myregistry.azurecr.io/team", "carries a tag"),
                refusal("registry.example.com", null, "not an Azure Container Registry login server"),
                refusal("localhost:5000", null, "not an Azure Container Registry login server"),
                refusal("[::1]:5000/team", null, "login server"),
                refusal("", null, "is empty"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @MethodSource("refused")
    void refusesWithTheRuleAndAHintItWouldAccept(String uri, String hint, List<String> fragments) {
        UriRuleCases.assertRefused(flavor, uri, hint, fragments);
    }

    @Test
    void describesItself() {
        assertThat(flavor.name()).isEqualTo("azure");
        assertThat(flavor.description()).isNotBlank().doesNotContain("\n");
        assertThat(flavor.docsUrl()).hasToString("https://learn.microsoft.com/azure/container-registry/");
    }
}
