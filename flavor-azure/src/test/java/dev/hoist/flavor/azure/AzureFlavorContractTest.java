package dev.hoist.flavor.azure;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; AzureFlavorTest has the full table. */
class AzureFlavorContractTest extends FlavorContractTest {

    AzureFlavorContractTest() {
        super(AzureFlavor.NAME, AzureFlavor.class, UriRuleTable.create()
                .valid("MyRegistry.AzureCR.IO", "myregistry.azurecr.io")
                .valid("myregistry.azurecr.io/team", "myregistry.azurecr.io/team")
                .refused("myregistry.azurecr.com", "myregistry.azurecr.io", "not an Azure Container Registry login server")
                .refused("azurecr.io", null, "without a registry"));
    }
}
