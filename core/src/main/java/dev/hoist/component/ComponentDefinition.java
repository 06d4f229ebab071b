package dev.hoist.component;

import dev.hoist.spi.ComponentSettings;

/**
 * A component entry that passed validation.
 *
 * @param settings what its flavor receives
 * @param origin where it was defined ({@code file:line}), or where its settings came from
 */
public record ComponentDefinition(ComponentSettings settings, String origin) {

    public String name() {
        return settings.name();
    }

    public String flavor() {
        return settings.flavor();
    }
}
