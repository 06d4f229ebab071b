package dev.hoist.docker;

/**
 * An engine address Hoist cannot speak to, named by {@code DOCKER_HOST} or a docker context (the same address in
 * {@code hoist.docker.host} is refused when the config loads). The message names where the address came from and
 * what is accepted, and shows the address without its password.
 */
public class InvalidEngineHostException extends EngineDiscoveryException {

    /**
     * @param namedBy where the address came from, such as {@code DOCKER_HOST} or
     *        {@code docker context 'ci' (/root/.docker/contexts/meta/…/meta.json, Endpoints.docker.Host)}
     * @param problem the sentence of {@link dev.hoist.config.DockerEndpoints#problem(String)}
     * @param fix what to do, such as {@code Fix or unset DOCKER_HOST, or set hoist.docker.host}
     */
    public InvalidEngineHostException(String namedBy, String problem, String fix) {
        super("Cannot use the Docker engine named by " + namedBy + ": " + problem + " " + fix + ".");
    }
}
