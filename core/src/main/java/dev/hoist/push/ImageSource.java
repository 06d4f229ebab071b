package dev.hoist.push;

import static dev.hoist.api.InvalidImageReferenceException.escape;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the image to push comes from, named with skopeo's transport names:
 * <ul>
 *   <li>{@code docker-daemon:NAME} — an image in the local Docker engine, read from its save stream;</li>
 *   <li>{@code docker-archive:PATH[:NAME]} — a {@code docker save} tar, plain or gzip; {@code NAME} picks one
 *       image by its {@code RepoTags} entry when the archive holds several;</li>
 *   <li>{@code oci:DIR[:REF]} — an OCI image layout directory; {@code REF} matches the
 *       {@code org.opencontainers.image.ref.name} annotation of an {@code index.json} entry;</li>
 *   <li>{@code oci-archive:PATH[:REF]} — a tar of an OCI image layout; {@code REF} as for {@code oci:};</li>
 *   <li>{@code docker://REF} — an image in a registry, such as {@code docker://localhost:5000/app:1}.</li>
 * </ul>
 * A value object: equal sources compare equal, and {@link #toString()} gives back the parseable form.
 */
public final class ImageSource {

    /** The kind of source. */
    public enum Kind {
        /** {@code docker-daemon:} */
        DOCKER_DAEMON("docker-daemon"),
        /** {@code docker-archive:} */
        DOCKER_ARCHIVE("docker-archive"),
        /** {@code oci:} */
        OCI_LAYOUT("oci"),
        /** {@code oci-archive:}: a tar of an OCI image layout, as {@code podman save --format oci-archive} writes. */
        OCI_ARCHIVE("oci-archive"),
        /** {@code docker://}: an image in a registry, read over its HTTP API. */
        REGISTRY("docker");

        private final String transport;

        Kind(String transport) {
            this.transport = transport;
        }

        /** The transport prefix, without the colon: {@code docker-daemon}, {@code docker-archive}, {@code oci}. */
        public String transport() {
            return transport;
        }
    }

    private final Kind kind;
    private final String name;
    private final Path path;
    private final Optional<String> reference;

    private ImageSource(Kind kind, String name, Path path, Optional<String> reference) {
        this.kind = kind;
        this.name = name;
        this.path = path;
        this.reference = reference;
    }

    /**
     * An image in the local Docker engine.
     *
     * @param name an image name or id the engine knows, for example {@code app:1} or {@code sha256:ab12…}
     */
    public static ImageSource dockerDaemon(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw ImageSourceException.invalid("docker-daemon: needs an image name, for example docker-daemon:app:1.", null);
        }
        return new ImageSource(Kind.DOCKER_DAEMON, name, null, Optional.empty());
    }

    /**
     * A {@code docker save} archive (tar or gzip-compressed tar).
     *
     * @param archive the file
     * @param name the {@code RepoTags} entry to push when the archive holds several images; empty for the only one
     */
    public static ImageSource dockerArchive(Path archive, Optional<String> name) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(name, "name");
        return new ImageSource(Kind.DOCKER_ARCHIVE, null, archive, name.filter(n -> !n.isBlank()));
    }

    /** A {@code docker save} archive holding one image. */
    public static ImageSource dockerArchive(Path archive) {
        return dockerArchive(archive, Optional.empty());
    }

    /**
     * An OCI image layout directory.
     *
     * @param directory the directory holding {@code oci-layout} and {@code index.json}
     * @param reference the {@code org.opencontainers.image.ref.name} to push; empty when {@code index.json}
     *        has a single entry
     */
    public static ImageSource ociLayout(Path directory, Optional<String> reference) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(reference, "reference");
        return new ImageSource(Kind.OCI_LAYOUT, null, directory, reference.filter(r -> !r.isBlank()));
    }

    /**
     * A tar of an OCI image layout ({@code oci-archive:}).
     *
     * @param archive the tar file
     * @param reference the {@code org.opencontainers.image.ref.name} to read; empty when its {@code index.json} has a
     *        single entry
     */
    public static ImageSource ociArchive(Path archive, Optional<String> reference) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(reference, "reference");
        return new ImageSource(Kind.OCI_ARCHIVE, null, archive, reference.filter(r -> !r.isBlank()));
    }

    /**
     * An image in a registry ({@code docker://REF}).
     *
     * @param reference an image reference with a tag or digest, such as {@code localhost:5000/app:1}; without
     *        either, {@code latest}
     * @throws ImageSourceException when it is blank
     */
    public static ImageSource registry(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank()) {
            throw ImageSourceException.invalid("docker:// needs an image reference, for example"
                    + " docker://localhost:5000/app:1.", null);
        }
        return new ImageSource(Kind.REGISTRY, reference, null, Optional.empty());
    }

    /**
     * Parses a copy's source: what {@link #parse} reads, and a bare image reference (no transport) as
     * {@code docker://REF}, as {@code hoist copy} takes it.
     *
     * @throws ImageSourceException for a missing part
     */
    public static ImageSource parseOrReference(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        String transport = colon < 0 ? "" : text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.transport.equals(transport)) {
                return parse(text);
            }
        }
        return registry(text);
    }

    /**
     * Parses {@code docker-daemon:NAME}, {@code docker-archive:PATH[:NAME]}, {@code oci:DIR[:REF]},
     * {@code oci-archive:PATH[:REF]} or {@code docker://REF}, as skopeo writes them. For the file transports, the
     * first {@code :} after the path separates the optional name; a path that itself contains {@code :} cannot be
     * written this way (use the factories).
     *
     * @throws ImageSourceException for an unknown transport (naming the valid ones) or a missing part
     */
    public static ImageSource parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        String transport = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        for (Kind kind : Kind.values()) {
            if (kind.transport.equals(transport)) {
                if (kind == Kind.REGISTRY) {
                    if (!rest.startsWith("//") || rest.length() == 2) {
                        throw ImageSourceException.invalid("The image source '" + escape(text) + "' names no image"
                                + " reference: write docker://REF, such as docker://localhost:5000/app:1.", null);
                    }
                    return registry(rest.substring(2));
                }
                if (rest.isEmpty()) {
                    throw ImageSourceException.invalid("The image source '" + escape(text) + "' names no "
                            + (kind == Kind.DOCKER_DAEMON ? "image" : "path") + " after " + transport + ":.", null);
                }
                int sep = rest.indexOf(':');
                if (kind != Kind.DOCKER_DAEMON && sep >= 0 && (sep == 0 || sep == rest.length() - 1)) {
                    throw ImageSourceException.invalid("The image source '" + escape(text) + "' has an empty "
                            + (sep == 0 ? "path" : kind == Kind.DOCKER_ARCHIVE ? "image name" : "reference")
                            + (sep == 0 ? " before" : " after") + " its ':'; write " + transport
                            + (kind == Kind.OCI_LAYOUT ? ":DIR[:REF]" : kind == Kind.OCI_ARCHIVE ? ":PATH[:REF]" : ":PATH[:NAME]") + " without the ':' to leave it out.",
                            null);
                }
                switch (kind) {
                    case DOCKER_DAEMON:
                        return dockerDaemon(rest);
                    case DOCKER_ARCHIVE: {
                        return sep < 0 ? dockerArchive(Path.of(rest))
                                : dockerArchive(Path.of(rest.substring(0, sep)), Optional.of(rest.substring(sep + 1)));
                    }
                    case OCI_ARCHIVE: {
                        return sep < 0 ? ociArchive(Path.of(rest), Optional.empty())
                                : ociArchive(Path.of(rest.substring(0, sep)), Optional.of(rest.substring(sep + 1)));
                    }
                    default: {
                        return sep < 0 ? ociLayout(Path.of(rest), Optional.empty())
                                : ociLayout(Path.of(rest.substring(0, sep)), Optional.of(rest.substring(sep + 1)));
                    }
                }
            }
        }
        throw ImageSourceException.invalid("Unknown image source transport '" + escape(colon < 0 ? text : transport)
                + "' in '" + escape(text) + "': use docker-daemon:NAME, docker-archive:PATH[:NAME], oci:DIR[:REF],"
                + " oci-archive:PATH[:REF] or docker://REF.", null);
    }

    /** Which kind of source this is. */
    public Kind kind() {
        return kind;
    }

    /** The engine's image name ({@link Kind#DOCKER_DAEMON}) or the image reference ({@link Kind#REGISTRY}). */
    public Optional<String> imageName() {
        return Optional.ofNullable(name);
    }

    /** The archive file or layout directory; present for the file kinds only. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The {@code RepoTags} name (archive) or {@code ref.name} (OCI layout), when one was given. */
    public Optional<String> reference() {
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageSource that && kind == that.kind && Objects.equals(name, that.name)
                && Objects.equals(path, that.path) && reference.equals(that.reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, path, reference);
    }

    /**
     * The parseable form fit for a one-line message or log line: {@link #toString()} with control characters
     * escaped as image reference errors escape them (a newline in a path as {@code \n}).
     *
     * @return such as {@code docker-archive:/tmp/app.tar:app:1}
     */
    public String display() {
        return escape(toString());
    }

    /** The parseable form: {@code docker-archive:/tmp/app.tar:app:1}. */
    @Override
    public String toString() {
        if (kind == Kind.DOCKER_DAEMON) {
            return kind.transport + ":" + name;
        }
        if (kind == Kind.REGISTRY) {
            return "docker://" + name;
        }
        return kind.transport + ":" + path + reference.map(r -> ":" + r).orElse("");
    }
}
