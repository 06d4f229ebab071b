package dev.hoist.transport.copy;

/**
 * Where a registry holds an image: what a cross-repository mount needs to know of a copy's source.
 *
 * @param host the registry's {@code host[:port]} as written in image names ({@code docker.io}, not its API host)
 * @param repository the repository, such as {@code team/app}
 */
public record RegistryLocation(String host, String repository) {
}
