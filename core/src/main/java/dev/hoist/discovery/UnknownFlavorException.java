package dev.hoist.discovery;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import dev.hoist.config.HoistConfig;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Config or a command names a flavor that no jar provides. */
public class UnknownFlavorException extends HoistException implements Classified {

    private final String flavor;

    /**
     * As {@link #UnknownFlavorException(String, String, Collection, List, String, Optional)} with Hoist's
     * own root ({@code hoist}) and no built-in artifact.
     */
    public UnknownFlavorException(String flavor, String typeId, Collection<String> available, List<String> problems) {
        this(flavor, typeId, available, problems, HoistConfig.ROOT, Optional.empty());
    }

    /**
     * A flavor name no usable jar provides.
     *
     * @param flavor the name asked for
     * @param typeId the component type's id, such as {@code container-registry}
     * @param available the usable flavor names
     * @param problems discovery problems, listed after the message
     * @param root the config root of Hoist's settings, for the plugins-directory setting's path
     *     ({@code <root>.plugins.directory}); null if unknown
     * @param builtInArtifact Hoist's own artifact for this name, only when it is a built-in flavor's name
     */
    public UnknownFlavorException(String flavor, String typeId, Collection<String> available, List<String> problems,
                                  String root, Optional<String> builtInArtifact) {
        super("Unknown " + typeId + " flavor '" + flavor + "'. Available: "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + ". " + FlavorInstallHint.of(flavor, builtInArtifact, root)
                + (problems.isEmpty() ? "" : " Some flavor jars could not be used:\n  - " + String.join("\n  - ", problems)));
        this.flavor = flavor;
    }

    public String flavor() {
        return flavor;
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
