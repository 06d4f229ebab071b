package dev.hoist.discovery;

import dev.hoist.spi.HoistException;
import java.util.Collection;
import java.util.List;

/** Config or a command names a flavor that no jar provides. */
public class UnknownFlavorException extends HoistException {

    private final String flavor;

    public UnknownFlavorException(String flavor, String typeId, Collection<String> available, List<String> problems) {
        super("Unknown " + typeId + " flavor '" + flavor + "'. Available: "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + ". To use '" + flavor + "', put its jar on the class path (artifact dev.hoist:hoist-flavor-"
                + flavor + ", or a third-party flavor jar)."
                + (problems.isEmpty() ? "" : " Some flavor jars could not be used:\n  - " + String.join("\n  - ", problems)));
        this.flavor = flavor;
    }

    public String flavor() {
        return flavor;
    }
}
