package dev.hoist.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process environment that credential sources read: variables such as {@code GITHUB_TOKEN}
 * or {@code DOCKER_CONFIG}, and the home directory. Passed in rather than read globally, so
 * that a host, or a test, decides what Hoist sees.
 *
 * @param variables environment variables
 * @param home the user's home directory, where {@code ~/.docker/config.json} lives
 */
public record Environment(Map<String, String> variables, Path home) {

    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
    }

    /** This process's environment and the {@code user.home} directory. */
    public static Environment ofProcess() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** A variable's value, when it is set and not blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        // Variables hold tokens: show names only.
        return "Environment[variables=" + new java.util.TreeSet<>(variables.keySet()) + ", home=" + home + "]";
    }
}
