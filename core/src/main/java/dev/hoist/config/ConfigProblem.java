package dev.hoist.config;

/**
 * One thing wrong with the configuration.
 *
 * @param path the config path, for example {@code hoist.registries.prod.uri}
 * @param origin where the value was set ({@code file:line}), or where it should be set when missing
 * @param message what is wrong and what is expected
 */
public record ConfigProblem(String path, String origin, String message) {

    @Override
    public String toString() {
        return path + " (" + origin + "): " + message;
    }
}
