package dev.hoist.flavor.gcp;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; GcpFlavorTest has the full table. */
class GcpFlavorContractTest extends FlavorContractTest {

    GcpFlavorContractTest() {
        super(GcpFlavor.NAME, GcpFlavor.class, UriRuleTable.create()
                .valid("GCR.IO/my-project/", "gcr.io/my-project")
                .valid("us.gcr.io/my-project/team", "us.gcr.io/my-project/team")
                .refused("gcr.io", null, "names no project"));
    }
}
