package dev.hoist.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of stack component a flavor builds. Open on purpose: a host framework may
 * declare its own types next to Hoist's {@link #CONTAINER_REGISTRY}.
 *
 * <p>A type also names where its components live in config, under the root path
 * ({@code hoist} by default):
 * <ul>
 *   <li>{@link #section()}: the components, by name, such as {@code artifact-stores};</li>
 *   <li>{@link #defaultsKey()}: the fallback settings of every component of the type, at
 *       {@code <root>.<defaultsKey>}, and of every component of one flavor, at
 *       {@code <root>.<flavorsSection>.<flavor>.<defaultsKey>};</li>
 *   <li>{@link #flavorsSection()}: flavor-wide settings.</li>
 * </ul>
 * Container registries keep the keys Hoist always had: {@code registries}, {@code flavors} and
 * {@code registry-defaults}. Equality is by id alone.
 */
public final class StackComponentType {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** Hoist's own component type: a store for container images. */
    public static final StackComponentType CONTAINER_REGISTRY =
            of("container-registry", "registries", "flavors", "registry-defaults");

    private final String id;
    private final String section;
    private final String flavorsSection;
    private final String defaultsKey;

    private StackComponentType(String id, String section, String flavorsSection, String defaultsKey) {
        this.id = id;
        this.section = section;
        this.flavorsSection = flavorsSection;
        this.defaultsKey = defaultsKey;
    }

    /**
     * Returns the type with this id and the config keys derived from it: for
     * {@code artifact-store}, the section {@code artifact-stores}, flavor settings under
     * {@code artifact-store-flavors} and defaults under {@code artifact-store-defaults}.
     *
     * @param id a kebab-case identifier, for example {@code artifact-store}
     * @return the type
     * @throws IllegalArgumentException if the id is not kebab-case
     */
    public static StackComponentType of(String id) {
        return of(id, id + "s", id + "-flavors", id + "-defaults");
    }

    /**
     * Returns the type with this id and these config keys, each kebab-case.
     *
     * @param id the type's identifier, for example {@code artifact-store}
     * @param section the config key that holds the components by name, for example {@code artifact-stores}
     * @param flavorsSection the config key of flavor-wide settings, for example {@code artifact-store-flavors}
     * @param defaultsKey the config key of fallback settings, for example {@code artifact-store-defaults}
     * @return the type
     * @throws IllegalArgumentException if any is not kebab-case
     */
    public static StackComponentType of(String id, String section, String flavorsSection, String defaultsKey) {
        return new StackComponentType(kebab("component type id", id), kebab("section", section),
                kebab("flavors section", flavorsSection), kebab("defaults key", defaultsKey));
    }

    private static String kebab(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "A " + what + " is kebab-case, like 'container-registry'; got '" + value + "'");
        }
        return value;
    }

    /** {@return the kebab-case id, as used in config keys and in stacks} */
    public String id() {
        return id;
    }

    /** {@return the config key that holds this type's components by name, such as {@code registries}} */
    public String section() {
        return section;
    }

    /** {@return the config key that holds flavor-wide settings, such as {@code flavors}} */
    public String flavorsSection() {
        return flavorsSection;
    }

    /** {@return the config key of fallback settings, such as {@code registry-defaults}} */
    public String defaultsKey() {
        return defaultsKey;
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
