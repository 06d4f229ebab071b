package com.example.hoist.acme;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

class AcmeFlavorContractTest extends FlavorContractTest {

    AcmeFlavorContractTest() {
        super("acme", AcmeFlavor.class, UriRuleTable.create()
                .valid("registry.acme.example/team", "registry.acme.example/team")
                .valid("Registry.Acme.Example/team/", "registry.acme.example/team")
                .refused("acme.example/team", "registry.acme.example/team", "Acme's website")
                .refused("registry.acme.example:443/team", "registry.acme.example/team", "has a port")
                .refused("https://registry.acme.example/team", "registry.acme.example/team", "scheme")
                .refused("registry.acme.example/a/b", null, "exactly one"));
    }
}
