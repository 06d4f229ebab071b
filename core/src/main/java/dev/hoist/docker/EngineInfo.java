package dev.hoist.docker;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code hoist engine} reports: where the engine is, which rule chose it, and, when it answers,
 * what it is, from its {@code GET /version} answer.
 *
 * @param endpoint the engine's address, such as {@code unix:///var/run/docker.sock}, without the password of a
 *        {@code user:password@} ({@link EngineEndpoint#shown()}); empty when discovery found none
 * @param source the rule that chose it: {@code config}, {@code DOCKER_HOST}, {@code context:<name>} or
 *        {@code socket}; empty when discovery found none
 * @param reachable whether the engine answered {@code /version}
 * @param engine {@code docker} or {@code podman} (Podman's answer names a component "Podman Engine"); empty when
 *        it did not answer
 * @param version the engine's version, such as {@code 28.2.2} or {@code 4.3.1}; empty when it did not answer
 * @param apiVersion the Docker API version it speaks, such as {@code 1.41}; empty when it did not answer
 * @param problem why it is not reachable, one line, when it is not
 */
public record EngineInfo(Optional<String> endpoint, Optional<String> source, boolean reachable, Optional<String> engine,
                         Optional<String> version, Optional<String> apiVersion, Optional<String> problem) {

    /** {@link #engine()} for Docker. */
    public static final String DOCKER = "docker";
    /** {@link #engine()} for Podman. */
    public static final String PODMAN = "podman";

    public EngineInfo {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(problem, "problem");
    }
}
