package dev.hoist.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of stack component a flavor builds. Open on purpose: a host framework may
 * declare its own types next to Hoist's {@link #CONTAINER_REGISTRY}.
 */
public final class StackComponentType {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Hoist's own component type: a store for container images. */
    public static final StackComponentType CONTAINER_REGISTRY = of("container-registry");

    private final String id;

    private StackComponentType(String id) {
        this.id = id;
    }

    /**
     * Returns the type with this id.
     *
     * @param id a kebab-case identifier, for example {@code artifact-store}
     * @throws IllegalArgumentException if the id is not kebab-case
     */
    public static StackComponentType of(String id) {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "A component type id is kebab-case, like 'container-registry'; got '" + id + "'");
        }
        return new StackComponentType(id);
    }

    /** The kebab-case id, as used in config keys. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StackComponentType type && type.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
