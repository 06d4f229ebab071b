package dev.hoist.discovery;

import dev.hoist.HoistException;
import java.util.Collection;

/** Config names a flavor that no jar on the class path provides. */
public class UnknownFlavorException extends HoistException {

    private final String flavor;

    public UnknownFlavorException(String flavor, String typeId, Collection<String> available) {
        super("Unknown " + typeId + " flavor '" + flavor + "'. Available: "
                + (available.isEmpty() ? "none" : String.join(", ", available))
                + ". To use '" + flavor + "', put its jar on the class path (artifact dev.hoist:hoist-flavor-"
                + flavor + ", or a third-party flavor jar).");
        this.flavor = flavor;
    }

    public String flavor() {
        return flavor;
    }
}
