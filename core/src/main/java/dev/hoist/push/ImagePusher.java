package dev.hoist.push;

import dev.hoist.spi.RegistryCredentials;
import java.util.Optional;

/**
 * Pushes one tagged image from the local container engine to its registry. Core's
 * implementation drives the Docker engine; tests and hosts may supply their own.
 */
@FunctionalInterface
public interface ImagePusher {

    /**
     * @param repository the image name without tag, for example {@code localhost:5000/team/app}
     * @param tag the tag to push
     * @param credentials what to authenticate with at the registry's host; empty for anonymous
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws dev.hoist.push.PushException on any failure, typed by cause
     */
    String push(String repository, String tag, Optional<RegistryCredentials> credentials);

    /**
     * Pushes as {@link #push(String, String, Optional)} does, reporting progress to {@code progress} from the push's
     * threads. This default reports nothing; core's engine transport maps the engine's progress stream.
     *
     * @param progress where the push's layer events go; it must not block
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws dev.hoist.push.PushException on any failure, typed by cause
     */
    default String push(String repository, String tag, Optional<RegistryCredentials> credentials,
                        dev.hoist.push.PushProgress progress) {
        return push(repository, tag, credentials);
    }

    /**
     * Pushes as {@link #push(String, String, Optional, dev.hoist.push.PushProgress)} does, returning the digest the
     * engine reported without asking the registry for it: for a caller that asks the registry itself (a registry
     * push asks it once, for the digest, media type and size). This default is that method.
     *
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws dev.hoist.push.PushException on any failure, typed by cause
     */
    default String pushReported(String repository, String tag, Optional<RegistryCredentials> credentials,
                                dev.hoist.push.PushProgress progress) {
        return push(repository, tag, credentials, progress);
    }

    /**
     * Whether the digest this pusher returns is the one the registry holds, so that a registry push need not ask
     * the registry for it (its media type and size then stay unknown). False by default and for the engine, whose
     * API can report another digest (Podman's); true for a pusher that records pushes instead of making them.
     *
     * @return whether a push's digest needs no check with the registry
     */
    default boolean reportsRegistryDigest() {
        return false;
    }
}
