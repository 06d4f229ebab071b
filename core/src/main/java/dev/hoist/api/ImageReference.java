package dev.hoist.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An image reference parsed and normalised exactly as Docker does it: the grammar of
 * {@code github.com/distribution/reference} and the normalisation of its {@code ParseNormalizedNamed}.
 *
 * <pre>
 * reference  := name [ ':' tag ] [ '@' digest ]
 * name       := [ domain '/' ] path
 * domain     := host [ ':' port ]          host: [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9], joined by '.';
 *                                          or '[' [a-fA-F0-9:]+ ']'; port: [0-9]+ (not range-checked)
 * path       := component ( '/' component )*    component: [a-z0-9]+ ( ( [._] | __ | -+ ) [a-z0-9]+ )*
 * tag        := [\w][\w.-]{0,127}
 * digest     := algorithm ':' hex           algorithm: [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
 *                                          hex: [0-9a-fA-F]{32,}
 * </pre>
 *
 * <p>Then, as distribution and go-digest do:
 * <ul>
 *   <li>Exactly 64 lower-case hex characters are refused: that is an image ID, not a name.</li>
 *   <li>The text before the first {@code /} is the domain when it contains {@code .} or {@code :},
 *       is {@code localhost}, or is not all lower case. Input without {@code /} has no domain, so
 *       {@code localhost:5000} alone is the image {@code docker.io/library/localhost}, tag {@code 5000}.</li>
 *   <li>No domain means {@code docker.io}; {@code index.docker.io} becomes {@code docker.io}; every other
 *       domain is kept exactly as written, case and port included.</li>
 *   <li>On {@code docker.io}, a one-element path gets the prefix {@code library/}.</li>
 *   <li>Upper case in the path is refused; a tag may have upper case.</li>
 *   <li>The digest must be {@code sha256}, {@code sha384} or {@code sha512} with exactly 64, 96 or 128
 *       lower-case hex digits; any other algorithm is refused.</li>
 *   <li><b>Length:</b> {@link #repository()}, the path <em>after</em> normalisation and without the
 *       domain, is at most {@value #MAX_REPOSITORY_LENGTH} characters. That is what distribution measures:
 *       its {@code Parse} checks the path of the name that {@code ParseNormalizedNamed} hands it, which
 *       already carries {@code library/}. So {@code ubuntu} may have 247 characters, {@code docker.io/a/b}
 *       255 after the domain. (Older {@code docker/distribution} counted the domain too.)</li>
 * </ul>
 *
 * <p>One deliberate difference: distribution's regex, failing to read a first element such as
 * {@code foo_bar.com} as a domain, falls back to reading the whole name as a path with an <em>empty</em>
 * domain, a name no registry can be asked for. Here that first element is a domain, and invalid.
 *
 * <p>Parsing is a single left-to-right pass without regexes or recursion: time is linear in the
 * input, and a path is not read past the length limit. Every bad input, {@code null} included, ends in
 * an {@link InvalidImageReferenceException} naming the part and position.
 *
 * <p>Ownership ({@link #belongsTo}) lives in {@link RegistryOwnership}, and locality
 * ({@link RegistryNames#isLoopback}) in {@link RegistryNames}; {@link #belongsTo} is a shortcut to the first.
 */
public final class ImageReference {

    /** The longest {@link #repository()}, in characters. */
    public static final int MAX_REPOSITORY_LENGTH = 255;

    /** The longest tag, in characters. */
    public static final int MAX_TAG_LENGTH = 128;

    /** The registry that references without a domain name. */
    public static final String DOCKER_HUB = ReferenceParser.DOCKER_HUB;

    private final String registry;
    private final String repository;
    private final String tag;
    private final String digest;
    private final String canonical;

    /** Only the parser makes these, so every instance is valid and normalised. */
    ImageReference(String registry, String repository, String tag, String digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
        StringBuilder out = new StringBuilder(registry.length() + repository.length() + 1
                + (tag == null ? 0 : tag.length() + 1) + (digest == null ? 0 : digest.length() + 1));
        out.append(registry).append('/').append(repository);
        if (tag != null) {
            out.append(':').append(tag);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        this.canonical = out.toString();
    }

    /**
     * Parses and normalises an image reference, for example {@code ubuntu},
     * {@code localhost:5000/team/app:1.0} or {@code ghcr.io/owner/app@sha256:<64 hex>}.
     *
     * @param reference the reference as the user wrote it; {@code null} is invalid
     * @return the reference, normalised
     * @throws InvalidImageReferenceException saying which part is wrong, at which position, and why;
     *     never any other exception
     */
    public static ImageReference parse(String reference) {
        return ReferenceParser.parse(reference);
    }

    /** {@return the registry host with its port, as written, for example {@code docker.io} or {@code localhost:5000}} */
    public String registry() {
        return registry;
    }

    /** {@return the path without the registry, for example {@code library/ubuntu} or {@code team/app}} */
    public String repository() {
        return repository;
    }

    /** {@return {@code registry/repository}, without tag or digest: the name to push to} */
    public String name() {
        return registry + "/" + repository;
    }

    /** {@return the tag, when one was written; no default {@code latest} is filled in} */
    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    /** {@return the digest, such as {@code sha256:<64 hex>}, when one was written} */
    public Optional<String> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@return {@code registry/repository[:tag][@digest]}; parsing it gives back an equal reference} */
    public String canonical() {
        return canonical;
    }

    /**
     * Whether this image lives under a registry URI such as {@code localhost:5000},
     * {@code gcr.io/proj} or {@code myaccount}; see {@link RegistryOwnership#belongsTo}.
     *
     * @param registryUri a registry URI in normal form; {@code null} or empty belongs to nothing
     * @return whether the image's host is the URI's and the URI's path components begin its repository
     */
    public boolean belongsTo(String registryUri) {
        return RegistryOwnership.belongsTo(this, registryUri);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageReference that && canonical.equals(that.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode();
    }

    /** The {@link #canonical()} form. */
    @Override
    public String toString() {
        return canonical;
    }
}
