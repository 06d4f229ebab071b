package dev.hoist.inject;

import dev.hoist.docker.DockerEngine;

/**
 * Builds the {@link DockerEngine} once, on first use, and remembers whether it was, so that closing Hoist closes it when it was and does not
 * build it (nor load docker-java) when no command needed it.
 */
final class EngineTracker {

    private volatile DockerEngine engine;

    /** The engine, built by {@code factory} on the first call. */
    synchronized DockerEngine get(java.util.function.Supplier<DockerEngine> factory) {
        if (engine == null) {
            engine = factory.get();
        }
        return engine;
    }

    /**
     * Closes the engine if it was built. No method reference to {@code DockerEngine} here: linking that class would
     * load docker-java for a command that never used the engine.
     */
    void closeIfBuilt() {
        DockerEngine built = engine;
        if (built != null) {
            built.close();
        }
    }
}
