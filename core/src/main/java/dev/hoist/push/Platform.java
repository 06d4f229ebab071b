package dev.hoist.push;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A platform as an OCI index names it ({@code platform} of an index entry; the image-spec's "image-index"
 * section): operating system, architecture and, for ARM, a variant. Written {@code OS/ARCH[/VARIANT]}, as
 * {@code docker --platform} and {@code skopeo --override-*} take it, such as {@code linux/arm64/v8}.
 *
 * @param os such as {@code linux}
 * @param architecture such as {@code amd64}, {@code arm64}
 * @param variant such as {@code v7}; empty when none is written
 */
public record Platform(String os, String architecture, Optional<String> variant) {

    /** Checks that no part is {@code null} or blank. */
    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(variant, "variant");
        if (os.isBlank() || architecture.isBlank()) {
            throw new IllegalArgumentException("A platform needs an OS and an architecture, like linux/amd64");
        }
        variant = variant.filter(v -> !v.isBlank());
    }

    /**
     * Parses {@code OS/ARCH[/VARIANT]}.
     *
     * @throws IllegalArgumentException naming the text and the form, when it has not two or three non-empty parts
     */
    public static Platform parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'" + text + "' is not a platform: write OS/ARCH[/VARIANT], like"
                    + " linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT),
                parts.length == 3 ? Optional.of(parts[2].toLowerCase(Locale.ROOT)) : Optional.empty());
    }

    /**
     * Whether an index entry of platform {@code other} is what this platform asks for: the same OS and architecture,
     * and, when this one names a variant, the same variant ({@code arm64} without a variant counts as {@code v8}, as
     * containerd's platform matcher normalizes it).
     */
    public boolean matches(Platform other) {
        if (!os.equals(other.os) || !architecture.equals(other.architecture)) {
            return false;
        }
        return variant.isEmpty() || variant.equals(other.normalizedVariant());
    }

    private Optional<String> normalizedVariant() {
        return variant.isEmpty() && architecture.equals("arm64") ? Optional.of("v8") : variant;
    }

    /** {@code OS/ARCH[/VARIANT]}. */
    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
