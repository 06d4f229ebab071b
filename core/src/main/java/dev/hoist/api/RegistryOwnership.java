package dev.hoist.api;

import java.util.Objects;

/**
 * Which registry an image belongs to, and whether a registry is on this machine.
 *
 * <p>Registry URIs here are the normal forms flavors produce: no scheme, tag or digest, for example
 * {@code localhost:5000}, {@code gcr.io/proj}, {@code myaccount}, {@code docker.io/myaccount} or
 * {@code [::1]:5000/team}. Their first element is a host under the same rule as an image reference's
 * domain: it has {@code .} or {@code :}, is {@code localhost}, or is not all lower case. Otherwise the
 * URI names a Docker Hub namespace. Unlike an image reference, a URI that is only a host
 * ({@code localhost}) is a host.
 *
 * <p>These methods answer {@code false} rather than throw for URIs they cannot read.
 */
public final class RegistryOwnership {

    /** Names that all reach Docker Hub; compared ignoring case. */
    private RegistryOwnership() {
    }

    /**
     * Whether {@code image} lives under {@code registryUri}: both hosts are the same (ignoring case,
     * port included, the Docker Hub names counting as one host) and the URI's path components are
     * the first components of the image's repository, component by component. So
     * {@code localhost:50001/x} is not under {@code localhost:5000}, {@code gcr.io/proj-evil/x} is
     * not under {@code gcr.io/proj}, and {@code user/img} is under both {@code user} and
     * {@code docker.io/user}.
     *
     * @param image a parsed reference
     * @param registryUri a registry URI in normal form; {@code null} or empty belongs to nothing
     * @return whether the image lives under the URI
     */
    public static boolean belongsTo(ImageReference image, String registryUri) {
        Objects.requireNonNull(image, "image");
        if (registryUri == null) {
            return false;
        }
        int end = registryUri.length();
        while (end > 0 && registryUri.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        String uri = registryUri.substring(0, end);
        int slash = uri.indexOf('/');
        String first = slash < 0 ? uri : uri.substring(0, slash);
        String host = ImageReference.DOCKER_HUB;
        String path = uri;
        if (RegistryNames.isHostElement(first)) {
            host = first;
            path = slash < 0 ? "" : uri.substring(slash + 1);
        }
        if (!RegistryNames.sameHost(host, image.registry())) {
            return false;
        }
        String repository = image.repository();
        // Prefix by whole components: 'proj' covers 'proj' and 'proj/...', never 'proj-evil'.
        return path.isEmpty() || repository.equals(path)
                || (repository.startsWith(path) && repository.charAt(path.length()) == '/');
    }

}
