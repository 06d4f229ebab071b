package dev.hoist.flavor.defaults;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; DefaultFlavorTest has the full table. */
class DefaultFlavorContractTest extends FlavorContractTest {

    DefaultFlavorContractTest() {
        super(DefaultFlavor.NAME, DefaultFlavor.class, UriRuleTable.create()
                .valid("localhost:5000/", "localhost:5000")
                .valid("127.0.0.1:5000/team", "127.0.0.1:5000/team")
                .refused("https://registry.example.com/", "registry.example.com", "has a scheme"));
    }
}
