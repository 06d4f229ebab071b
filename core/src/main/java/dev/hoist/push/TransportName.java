package dev.hoist.push;

import java.util.Arrays;
import java.util.Optional;

/**
 * The transports a push can go through. {@link #configName()} is the name the config ({@code transport} at the root
 * and in each registry), {@link PushResult#transport()}, progress events and the CLI's JSON use.
 */
public enum TransportName {

    /** {@code docker push} through the engine. */
    ENGINE("engine"),

    /** Hoist's own client of the registry HTTP API. */
    REGISTRY_API("registry-api");

    private final String configName;

    TransportName(String configName) {
        this.configName = configName;
    }

    /**
     * The name in config and output.
     *
     * @return {@code engine} or {@code registry-api}
     */
    public String configName() {
        return configName;
    }

    /**
     * The transport a config names.
     *
     * @param name a name as written in config, such as {@code registry-api}; may be {@code null}
     * @return the transport, or empty when {@code name} names none (exact, case-sensitive match)
     */
    public static Optional<TransportName> fromConfigName(String name) {
        return Arrays.stream(values()).filter(transport -> transport.configName.equals(name)).findFirst();
    }

    /** The {@linkplain #configName() config name}. */
    @Override
    public String toString() {
        return configName;
    }
}
