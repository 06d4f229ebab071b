package dev.hoist.discovery;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import java.util.List;

/** Discovery found flavors that cannot be used: duplicates or broken providers. Lists every problem. */
public class FlavorDiscoveryException extends HoistException implements Classified {

    private final List<String> problems;

    public FlavorDiscoveryException(String spi, List<String> problems) {
        super("Flavor discovery for " + spi + " failed:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem. */
    public List<String> problems() {
        return problems;
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
