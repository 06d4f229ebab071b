package dev.hoist.flavor.gitlab;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/** The contract every flavor passes (hoist-testing), with rows of this flavor's; GitLabFlavorTest has the full table. */
class GitLabFlavorContractTest extends FlavorContractTest {

    GitLabFlavorContractTest() {
        super(GitLabFlavor.NAME, GitLabFlavor.class, UriRuleTable.create()
                .valid("Registry.GitLab.com/group/project/", "registry.gitlab.com/group/project")
                .valid("gitlab.example.com:5050/group/project", "gitlab.example.com:5050/group/project")
                .refused("group/project", "registry.gitlab.com/group/project", "names no host")
                .refused("gitlab.com", null, "serves no registry"));
    }
}
