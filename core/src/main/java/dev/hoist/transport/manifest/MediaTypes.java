package dev.hoist.transport.manifest;

/** The media types of manifests, indexes, configs and layers that Hoist reads and writes. */
public final class MediaTypes {

    /** Docker's image manifest, schema 2. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker's manifest list (several platforms). */
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    /** Docker's image config. */
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    /** Docker's gzip layer. */
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /** The OCI image manifest. */
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** The OCI image index (several manifests). */
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    private MediaTypes() {
    }

    /**
     * Whether {@code mediaType} names an index or a manifest list rather than a single manifest: any media type
     * that mentions {@code index} or {@code manifest.list}.
     */
    public static boolean isIndex(String mediaType) {
        return mediaType.contains("index") || mediaType.contains("manifest.list");
    }

    /**
     * Whether {@code mediaType} names a non-distributable ("foreign") layer, which registries and clients fetch from
     * the {@code urls} of its descriptor: {@code application/vnd.oci.image.layer.nondistributable.v1.tar} with
     * or without {@code +gzip} or {@code +zstd}, and Docker's
     * {@code application/vnd.docker.image.rootfs.foreign.diff.tar[.gzip]}.
     */
    public static boolean isNondistributable(String mediaType) {
        return mediaType.startsWith("application/vnd.oci.image.layer.nondistributable.")
                || mediaType.startsWith("application/vnd.docker.image.rootfs.foreign.");
    }
}
