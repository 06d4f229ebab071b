package dev.hoist.push;

import static dev.hoist.api.InvalidImageReferenceException.escape;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code hoist copy} writes an image, named with skopeo's transport names:
 * <ul>
 *   <li>{@code docker://REF}, or a bare {@code REF} — a registry;</li>
 *   <li>{@code oci:DIR[:REF]} — an OCI image layout directory, made when missing; {@code REF} becomes the
 *       {@code org.opencontainers.image.ref.name} annotation of its {@code index.json} entry;</li>
 *   <li>{@code oci-archive:PATH[:REF]} — a tar of an OCI image layout, written whole (replacing the file);</li>
 *   <li>{@code docker-archive:PATH[:NAME]} — a {@code docker save} tar of one image, loadable by {@code docker
 *       load}; {@code NAME} becomes its {@code RepoTags} entry. It holds one platform only.</li>
 * </ul>
 * A value object: equal destinations compare equal, and {@link #toString()} gives back the parseable form.
 */
public final class ImageDestination {

    /** The kind of destination. */
    public enum Kind {
        /** {@code docker://} */
        REGISTRY("docker"),
        /** {@code oci:} */
        OCI_LAYOUT("oci"),
        /** {@code oci-archive:} */
        OCI_ARCHIVE("oci-archive"),
        /** {@code docker-archive:} */
        DOCKER_ARCHIVE("docker-archive");

        private final String transport;

        Kind(String transport) {
            this.transport = transport;
        }

        /** The transport prefix, without the colon. */
        public String transport() {
            return transport;
        }
    }

    private final Kind kind;
    private final String reference;
    private final Path path;
    private final Optional<String> name;

    private ImageDestination(Kind kind, String reference, Path path, Optional<String> name) {
        this.kind = kind;
        this.reference = reference;
        this.path = path;
        this.name = name;
    }

    /** A registry: {@code reference} such as {@code localhost:5000/app:1}. */
    public static ImageDestination registry(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank()) {
            throw ImageSourceException.invalid("docker:// needs an image reference, for example"
                    + " docker://localhost:5000/app:1.", null);
        }
        return new ImageDestination(Kind.REGISTRY, reference, null, Optional.empty());
    }

    /**
     * An OCI layout directory; {@code reference} its {@code ref.name}, empty for none.
     *
     * @throws ImageSourceException when {@code reference} is not a valid {@code ref.name} ({@link #checkRefName})
     */
    public static ImageDestination ociLayout(Path directory, Optional<String> reference) {
        return new ImageDestination(Kind.OCI_LAYOUT, null, Objects.requireNonNull(directory, "directory"),
                checkRefName(reference.filter(r -> !r.isBlank()), "oci:"));
    }

    /**
     * An OCI archive; {@code reference} its {@code ref.name}, empty for none.
     *
     * @throws ImageSourceException when {@code reference} is not a valid {@code ref.name} ({@link #checkRefName})
     */
    public static ImageDestination ociArchive(Path archive, Optional<String> reference) {
        return new ImageDestination(Kind.OCI_ARCHIVE, null, Objects.requireNonNull(archive, "archive"),
                checkRefName(reference.filter(r -> !r.isBlank()), "oci-archive:"));
    }

    /**
     * The grammar of {@code org.opencontainers.image.ref.name} (OCI image-spec, "annotations"):
     * {@code component ("/" component)*}, a component being alphanumerics joined by one of {@code -._:@+} or
     * {@code --}.
     */
    private static final java.util.regex.Pattern REF_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");

    /**
     * Checks a {@code ref.name} against the OCI image-spec's grammar, which readers such as skopeo enforce.
     *
     * @throws ImageSourceException naming the name and the grammar
     */
    private static Optional<String> checkRefName(Optional<String> name, String transport) {
        name.filter(n -> !REF_NAME.matcher(n).matches()).ifPresent(bad -> {
            throw ImageSourceException.invalid("The reference '" + escape(bad) + "' of " + transport + " is not a"
                    + " valid org.opencontainers.image.ref.name (letters and digits, joined by one of - . _ : @ + or"
                    + " --, in components separated by /).", null);
        });
        return name;
    }

    /** A docker archive; {@code name} its {@code RepoTags} entry, empty for none. */
    public static ImageDestination dockerArchive(Path archive, Optional<String> name) {
        return new ImageDestination(Kind.DOCKER_ARCHIVE, null, Objects.requireNonNull(archive, "archive"),
                name.filter(r -> !r.isBlank()));
    }

    /**
     * Parses {@code docker://REF}, {@code oci:DIR[:REF]}, {@code oci-archive:PATH[:REF]},
     * {@code docker-archive:PATH[:NAME]}, or a bare image reference (a registry). For the file transports the first
     * {@code :} after the path separates the optional name.
     *
     * @throws ImageSourceException for a transport that cannot be written ({@code docker-daemon:}) or a missing part
     */
    public static ImageDestination parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.indexOf(':');
        String transport = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        if (transport.equals("docker-daemon")) {
            throw ImageSourceException.invalid("The destination '" + escape(text) + "' is the engine; Hoist does not"
                    + " write to docker-daemon: (use docker-archive:PATH and docker load).", null);
        }
        if (transport.equals("docker")) {
            if (!rest.startsWith("//") || rest.length() == 2) {
                throw ImageSourceException.invalid("The destination '" + escape(text) + "' names no image reference:"
                        + " write docker://REF, such as docker://localhost:5000/app:1.", null);
            }
            return registry(rest.substring(2));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.REGISTRY && kind.transport.equals(transport)) {
                String form = kind == Kind.OCI_LAYOUT ? ":DIR[:REF]" : kind == Kind.DOCKER_ARCHIVE ? ":PATH[:NAME]"
                        : ":PATH[:REF]";
                int sep = rest.indexOf(':');
                if (rest.isEmpty() || sep == 0 || (sep >= 0 && sep == rest.length() - 1)) {
                    throw ImageSourceException.invalid("The destination '" + escape(text) + "' has an empty "
                            + (rest.isEmpty() || sep == 0 ? "path" : "name") + "; write " + transport + form + ".",
                            null);
                }
                Path file = Path.of(sep < 0 ? rest : rest.substring(0, sep));
                Optional<String> named = sep < 0 ? Optional.empty() : Optional.of(rest.substring(sep + 1));
                return switch (kind) {
                    case OCI_LAYOUT -> ociLayout(file, named);
                    case OCI_ARCHIVE -> ociArchive(file, named);
                    default -> dockerArchive(file, named);
                };
            }
        }
        return registry(text);
    }

    /** Which kind of destination this is. */
    public Kind kind() {
        return kind;
    }

    /** The image reference; present for {@link Kind#REGISTRY} only. */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /** The directory or archive file; present for the file kinds only. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The {@code ref.name} (OCI) or {@code RepoTags} name (docker archive), when one was given. */
    public Optional<String> name() {
        return name;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageDestination that && kind == that.kind
                && Objects.equals(reference, that.reference) && Objects.equals(path, that.path)
                && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reference, path, name);
    }

    /** {@link #toString()} with control characters escaped, for one-line messages. */
    public String display() {
        return escape(toString());
    }

    /** The parseable form, such as {@code oci-archive:/tmp/app.tar:1.0} or {@code docker://localhost:5000/app:1}. */
    @Override
    public String toString() {
        if (kind == Kind.REGISTRY) {
            return "docker://" + reference;
        }
        return kind.transport + ":" + path + name.map(n -> ":" + n).orElse("");
    }
}
