package dev.hoist.spi;

import java.util.List;
import java.util.Objects;

/**
 * A flavor's rule for pushes, such as "Docker Hub repositories are one level below the
 * namespace". Core runs it after the image is parsed and found to belong to the registry, and
 * before credentials are resolved or any byte moves; see {@link ContainerRegistryFlavor#pushHook}.
 */
@FunctionalInterface
public interface PushHook {

    /**
     * Checks, or prepares, one push.
     *
     * @param target the push about to happen
     * @throws HoistException to stop the push; {@link Target#refuse(String)} builds the usual
     *         "image name is invalid" error
     */
    void beforePush(Target target);

    /**
     * A push, as a plain value.
     *
     * @param registry the registry's name in config
     * @param uri the registry's URI in its flavor's normal form, such as {@code ghcr.io/acme}
     * @param image the image reference as the caller wrote it
     * @param repository the repository path without the registry host, such as {@code acme/app}
     *        ({@code library/ubuntu} for Docker Hub's official images)
     * @param tag the tag that will be pushed ({@code latest} when the reference has none)
     * @param belowUri the path components of the repository below the URI's own path: for URI
     *        {@code ghcr.io/acme} and image {@code ghcr.io/acme/team/app:1}, {@code [team, app]}
     */
    record Target(String registry, String uri, String image, String repository, String tag, List<String> belowUri) {

        /**
         * Checks that no part is {@code null}, and copies {@code belowUri}.
         *
         * @param registry the registry's name in config
         * @param uri the registry's URI in its flavor's normal form
         * @param image the image reference as the caller wrote it
         * @param repository the repository path without the registry host
         * @param tag the tag that will be pushed
         * @param belowUri the path components of the repository below the URI's own path
         */
        public Target {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(tag, "tag");
            belowUri = List.copyOf(belowUri);
        }

        /**
         * The error that refuses this image's name, for a hook to throw.
         *
         * @param reason why, in words a user can act on, starting lower case: "it nests 'a/b' ..."
         * @return an exception whose message is {@code Image name '<image>' is invalid: <reason>}
         */
        public HoistException refuse(String reason) {
            return new HoistException.ImageRefused(image, reason);
        }
    }
}
