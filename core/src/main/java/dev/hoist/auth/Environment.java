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

    /**
     * This process's environment and its home directory: {@code $HOME} when it is set and not
     * blank (as the docker CLI does), else the JVM's {@code user.home}.
     */
    public static Environment ofProcess() {
        return of(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * An environment over the given variables, whose home directory is {@code HOME} when it is set
     * and not blank, else {@code fallbackHome} (normally the JVM's {@code user.home}). The one place
     * that decides where {@code ~} is, so that {@code ~/.docker}, the engine sockets under
     * {@code ~} and {@code ~/.cache/hoist} all follow {@code $HOME} as the docker CLI does.
     *
     * @param variables environment variables
     * @param fallbackHome the directory to use when {@code HOME} is unset or blank
     * @return the environment
     * @throws NullPointerException if {@code variables} is null, or {@code HOME} is unset and
     *     {@code fallbackHome} is null
     */
    public static Environment of(Map<String, String> variables, String fallbackHome) {
        String home = variables.get("HOME");
        if (home == null || home.isBlank()) {
            home = Objects.requireNonNull(fallbackHome, "user.home");
        }
        return new Environment(variables, Path.of(home));
    }

    /** A variable's value, when it is set and not blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    /**
     * The docker CLI's configuration directory, where {@code config.json} (credentials, {@code currentContext})
     * and {@code contexts/} live: {@code configured} when given and not blank ({@code hoist.docker.config-dir}),
     * else {@code $DOCKER_CONFIG}, else {@code <home>/.docker}. The one place that decides it, so that engine
     * discovery and the credential chain read the same directory.
     *
     * @param configured the directory the config names, such as {@code hoist.docker.config-dir}; may be empty
     * @return the directory, which need not exist
     */
    public Path dockerConfigDir(Optional<String> configured) {
        return configured.filter(dir -> !dir.isBlank()).or(() -> get("DOCKER_CONFIG")).map(Path::of)
                .orElse(home.resolve(".docker"));
    }

    @Override
    public String toString() {
        // Variables hold tokens: show names only.
        return "Environment[variables=" + new java.util.TreeSet<>(variables.keySet()) + ", home=" + home + "]";
    }
}
