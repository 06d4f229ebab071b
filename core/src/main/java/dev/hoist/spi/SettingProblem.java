package dev.hoist.spi;

import java.util.Objects;

/**
 * One thing wrong with a component's settings, as its flavor sees it. Hoist turns it into a
 * config problem with the full path and the file and line where the key was set.
 *
 * @param key the setting's path relative to the component, for example {@code uri} or {@code credentials.username}
 * @param message what is wrong and what is expected
 */
public record SettingProblem(String key, String message) {

    /**
     * Checks that no part is {@code null}.
     *
     * @param key the setting's path relative to the component
     * @param message what is wrong and what is expected
     */
    public SettingProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
