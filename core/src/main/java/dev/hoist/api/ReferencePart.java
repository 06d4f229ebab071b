package dev.hoist.api;

/** The part of an image reference an {@link InvalidImageReferenceException} points at. */
public enum ReferencePart {

    /** The registry host and optional port before the first {@code /}, such as {@code localhost:5000}. */
    DOMAIN("domain"),

    /** The repository path, such as {@code library/ubuntu}. */
    PATH("path component"),

    /** The tag after {@code :}. */
    TAG("tag"),

    /** The digest after {@code @}. */
    DIGEST("digest"),

    /** The reference as a whole: nothing given, empty, or an image ID instead of a name. */
    WHOLE("reference");

    private final String description;

    ReferencePart(String description) {
        this.description = description;
    }

    /** {@return how messages name this part, for example {@code "path component"}} */
    public String description() {
        return description;
    }
}
