package dev.hoist.discovery;

import dev.hoist.spi.HoistException;
import java.util.List;

/** Discovery found flavors that cannot be used: duplicates or broken providers. Lists every problem. */
public class FlavorDiscoveryException extends HoistException {

    private final List<String> problems;

    public FlavorDiscoveryException(String spi, List<String> problems) {
        super("Flavor discovery for " + spi + " failed:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }
}
