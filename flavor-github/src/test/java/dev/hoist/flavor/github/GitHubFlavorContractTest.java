package dev.hoist.flavor.github;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; GitHubFlavorTest has the full table. */
class GitHubFlavorContractTest extends FlavorContractTest {

    GitHubFlavorContractTest() {
        super(GitHubFlavor.NAME, GitHubFlavor.class, UriRuleTable.create()
                .valid("GHCR.IO/octocat/", "ghcr.io/octocat")
                .valid("Ghcr.io/my-org/team", "ghcr.io/my-org/team")
                .refused("ghcr.io/Octocat", "ghcr.io/octocat", "'Octocat' with upper case")
                .refused("ghcr.io", null, "names no owner"));
    }
}
