package dev.hoist.config;

import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Hoist's own validated settings; components, registries included, are read by the component
 * machinery.
 *
 * @param defaultRegistry the name of the registry used when none is named; empty when config sets {@code ""}
 * @param docker how to reach the Docker engine
 * @param credentialHelperTimeout how long a docker credential helper may take
 * @param transport the transport of registries that set none: {@code engine} or {@code registry-api}
 * @param sections what each {@link SectionReader} given to {@link HoistConfig#load} read, by section name
 *        (such as {@code registry-api}); read once, at load
 * @param implicitRegistries {@code <root>.implicit-registries}: whether a reference that no configured registry owns
 *        gets a registry built by the flavor that claims its host (else the {@code default} flavor)
 */
public record HoistSettings(Optional<String> defaultRegistry, DockerSettings docker, Duration credentialHelperTimeout,
                            String transport, Map<String, Object> sections, boolean implicitRegistries) {

    /**
     * Copies {@code sections}.
     *
     * @param defaultRegistry the name of the registry used when none is named
     * @param docker how to reach the Docker engine
     * @param credentialHelperTimeout how long a docker credential helper may take
     * @param transport the transport of registries that set none
     * @param sections what each section's reader read, by section name
     * @param implicitRegistries whether references no configured registry owns get an implicit registry
     */
    public HoistSettings {
        sections = Map.copyOf(sections);
    }

    /**
     * Settings with implicit registries on, as {@code reference.conf} has it.
     *
     * @param defaultRegistry the name of the registry used when none is named
     * @param docker how to reach the Docker engine
     * @param credentialHelperTimeout how long a docker credential helper may take
     * @param transport the transport of registries that set none
     * @param sections what each section's reader read, by section name
     */
    public HoistSettings(Optional<String> defaultRegistry, DockerSettings docker, Duration credentialHelperTimeout,
                         String transport, Map<String, Object> sections) {
        this(defaultRegistry, docker, credentialHelperTimeout, transport, sections, true);
    }

    /**
     * Settings without sections read at load.
     *
     * @param defaultRegistry the name of the registry used when none is named
     * @param docker how to reach the Docker engine
     * @param credentialHelperTimeout how long a docker credential helper may take
     * @param transport the transport of registries that set none
     */
    public HoistSettings(Optional<String> defaultRegistry, DockerSettings docker, Duration credentialHelperTimeout,
                         String transport) {
        this(defaultRegistry, docker, credentialHelperTimeout, transport, Map.of(), true);
    }

    /**
     * What a section's reader read at load.
     *
     * @param <T> what the section reads as
     * @param name the section's name under the root, such as {@code registry-api}
     * @param type what the section reads as, such as the registry-API transport's settings
     * @return what was read
     * @throws NoSuchElementException if no reader of that section was given to {@link HoistConfig#load}
     * @throws ClassCastException if the section read as another type
     */
    public <T> T section(String name, Class<T> type) {
        Object section = sections.get(Objects.requireNonNull(name, "name"));
        if (section == null) {
            throw new NoSuchElementException("No reader of section '" + name + "' was given when the config was loaded");
        }
        return type.cast(section);
    }
}
