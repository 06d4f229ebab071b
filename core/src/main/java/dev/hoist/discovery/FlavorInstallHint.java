package dev.hoist.discovery;

import dev.hoist.config.HoistConfig;
import java.util.Optional;

/**
 * What to tell a user who names a flavor that no jar provides: put the flavor's jar in a plugins
 * directory, which works for {@code bin/hoist} (a {@code java -jar} launch, whose class path cannot
 * be extended), and name a {@code dev.hoist} artifact only for Hoist's own flavors.
 */
public final class FlavorInstallHint {

    /** Hoist's own container registry flavors, each published as {@code dev.hoist:hoist-flavor-<name>}. */
    private static final java.util.Set<String> BUILT_IN_REGISTRY_FLAVORS =
            java.util.Set.of("default", "azure", "gcp", "dockerhub", "github", "gitlab");

    private FlavorInstallHint() {
    }

    /**
     * The artifact of one of Hoist's own container registry flavors.
     *
     * @param flavor a flavor name
     * @return {@code dev.hoist:hoist-flavor-<name>} for a built-in name, else empty
     */
    public static Optional<String> builtInRegistryArtifact(String flavor) {
        return BUILT_IN_REGISTRY_FLAVORS.contains(flavor) ? Optional.of("dev.hoist:hoist-flavor-" + flavor) : Optional.empty();
    }

    /**
     * One or two sentences, for example {@code To use 'ecr', put its jar in a plugins directory:
     * --plugins DIR, or hoist.plugins.directory in the config.}
     *
     * @param flavor the flavor name asked for
     * @param builtInArtifact the Maven coordinates of Hoist's own artifact for that name, such as
     *     {@code dev.hoist:hoist-flavor-gcp}; empty for any other name
     * @param root the config root Hoist's settings sit under, such as {@code hoist} or
     *     {@code mystack.components}; null when the caller does not know it. The CLI's
     *     {@code --plugins DIR} is offered only under Hoist's own root.
     */
    public static String of(String flavor, Optional<String> builtInArtifact, String root) {
        String setting = root == null ? "the plugins.directory setting under Hoist's config root"
                : root.isEmpty() ? "plugins.directory in the config" : root + ".plugins.directory in the config";
        String where = HoistConfig.ROOT.equals(root) ? "--plugins DIR, or " + setting : setting;
        return "To use '" + flavor + "', put its jar in a plugins directory: " + where + "."
                + builtInArtifact.map(artifact -> " '" + flavor + "' is one of Hoist's own flavors, artifact " + artifact
                        + ", which may also go on the class path.").orElse("");
    }
}
