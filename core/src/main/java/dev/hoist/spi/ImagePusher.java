package dev.hoist.spi;

/**
 * Pushes one tagged image from the local container engine to its registry. Core's
 * implementation drives the Docker engine; tests and hosts may supply their own.
 */
public interface ImagePusher {

    /**
     * @param repository the image name without tag, for example {@code localhost:5000/team/app}
     * @param tag the tag to push
     * @return the digest of the pushed manifest, {@code sha256:<hex>}
     * @throws dev.hoist.push.PushException on any failure, typed by cause
     */
    String push(String repository, String tag);
}
