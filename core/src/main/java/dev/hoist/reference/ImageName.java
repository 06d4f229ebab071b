package dev.hoist.reference;

import dev.hoist.push.InvalidImageNameException;
import java.util.Optional;

/**
 * An image name split into repository, tag and digest.
 *
 * <p>This is the walking skeleton's split, not a grammar check: the engine rejects what it
 * cannot parse. The grammar-exact parser replaces it.
 *
 * @param repository everything before the tag or digest, for example {@code localhost:5000/team/app}
 * @param tag the tag, if written
 * @param digest the digest, if written
 */
public record ImageName(String repository, Optional<String> tag, Optional<String> digest) {

    /** Splits an image name; an empty name or one with whitespace is refused. */
    public static ImageName parse(String image) {
        if (image == null || image.isEmpty()) {
            throw new InvalidImageNameException(String.valueOf(image), "it is empty");
        }
        for (int i = 0; i < image.length(); i++) {
            if (Character.isWhitespace(image.charAt(i))) {
                throw new InvalidImageNameException(image, "it contains whitespace at position " + i);
            }
        }
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || rest.endsWith("/") || rest.startsWith("/")) {
            throw new InvalidImageNameException(image, "it has no repository name");
        }
        if (tag != null && tag.isEmpty()) {
            throw new InvalidImageNameException(image, "it ends its name with ':' but gives no tag");
        }
        return new ImageName(rest, Optional.ofNullable(tag), Optional.ofNullable(digest));
    }

    /**
     * Whether this image lives under a registry URI: its repository equals the URI or
     * continues it after a {@code /}. A plain prefix is not enough: {@code localhost:50001/x}
     * is not under {@code localhost:5000}.
     */
    public boolean isUnder(String registryUri) {
        return repository.equals(registryUri) || repository.startsWith(registryUri + "/");
    }
}
