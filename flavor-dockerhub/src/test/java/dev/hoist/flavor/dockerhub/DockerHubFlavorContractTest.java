package dev.hoist.flavor.dockerhub;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; DockerHubFlavorTest has the full table. */
class DockerHubFlavorContractTest extends FlavorContractTest {

    DockerHubFlavorContractTest() {
        super(DockerHubFlavor.NAME, DockerHubFlavor.class, UriRuleTable.create()
                .valid("myname", "docker.io/myname")
                .valid("DOCKER.IO/myname/", "docker.io/myname")
                .refused("docker.io/myname/app", "docker.io/myname", "has 2 path components")
                .refused("docker.io", null, "names no namespace"));
    }
}
