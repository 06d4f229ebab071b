package dev.hoist.transport.copy;

import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSource;
import dev.hoist.transport.source.OciLayout;
import java.util.Objects;

/**
 * Opens the local ends of a copy: the files and directories an image is read from or written to, as opposed to a
 * registry.
 * <ul>
 *   <li>sources: {@code oci:DIR[:REF]} and {@code oci-archive:PATH[:REF]} ({@link LayoutCopySource});</li>
 *   <li>destinations: {@code oci:DIR[:REF]} ({@link LayoutCopyDestination}), {@code oci-archive:PATH[:REF]}
 *       ({@link OciArchiveDestination}) and {@code docker-archive:PATH[:NAME]} ({@link DockerArchiveDestination}).</li>
 * </ul>
 */
public final class LocalStores {

    private LocalStores() {
    }

    /**
     * Opens an {@code oci:} or {@code oci-archive:} source.
     *
     * @param source the source; its kind is {@link ImageSource.Kind#OCI_LAYOUT} or {@link ImageSource.Kind#OCI_ARCHIVE}
     * @param links whether a layout's files may lead out of its directory, and the setting that allows it, such as
     *        {@code new OciLayout.Links(settings.allowLinksOutOfLayout(), settings.pathOf("allow-links-out-of-layout"))}
     *        from the registry-API settings; an archive's entries never lead out of it, whatever this says
     * @return the source, which the caller closes
     * @throws dev.hoist.push.ImageSourceException when the layout or archive cannot be opened (see
     *         {@link LayoutCopySource#layout} and {@link LayoutCopySource#archive})
     * @throws IllegalArgumentException for any other kind of source
     */
    public static CopySource source(ImageSource source, OciLayout.Links links) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(links, "links");
        return switch (source.kind()) {
            case OCI_LAYOUT -> LayoutCopySource.layout(source.path().orElseThrow(), source.reference(),
                    source.display(), links);
            case OCI_ARCHIVE -> LayoutCopySource.archive(source.path().orElseThrow(), source.reference(),
                    source.display());
            default -> throw new IllegalArgumentException("Not a local OCI source: " + source.display());
        };
    }

    /**
     * Opens an {@code oci:}, {@code oci-archive:} or {@code docker-archive:} destination.
     *
     * @return the destination, which the caller closes
     * @throws dev.hoist.push.ImageSourceException when it cannot be opened: a directory that is not a layout, an
     *         archive path that is a directory or whose directory is missing, an invalid docker archive name
     * @throws IllegalArgumentException for a registry
     */
    public static CopyDestination destination(ImageDestination destination) {
        Objects.requireNonNull(destination, "destination");
        return switch (destination.kind()) {
            case OCI_LAYOUT -> LayoutCopyDestination.open(destination.path().orElseThrow(), destination.name(),
                    destination.display());
            case OCI_ARCHIVE -> OciArchiveDestination.open(destination.path().orElseThrow(), destination.name(),
                    destination.display());
            case DOCKER_ARCHIVE -> DockerArchiveDestination.open(destination.path().orElseThrow(),
                    destination.name(), destination.display());
            case REGISTRY -> throw new IllegalArgumentException("Not a local destination: " + destination.display());
        };
    }
}
