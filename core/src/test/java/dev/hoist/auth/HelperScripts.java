package dev.hoist.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Real credential helpers for tests: small bash scripts named {@code docker-credential-<suffix>} in a temp dir. */
final class HelperScripts {

    private HelperScripts() {
    }

    /** Writes an executable {@code docker-credential-<suffix>} running {@code body} under bash. */
    static Path write(Path dir, String suffix, String body) throws IOException {
        Path script = dir.resolve(CredentialHelper.BINARY_PREFIX + suffix);
        Files.writeString(script, "#!/usr/bin/env bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /**
     * A helper that answers with {@code username} and {@code secret}, and leaves the server URL it was
     * given in {@code <dir>/<suffix>.url}, to check what was written on its stdin.
     */
    static Path answering(Path dir, String suffix, String username, String secret) throws IOException {
        return write(dir, suffix, """
                url="$(cat)"
                printf '%%s' "$url" > "$(dirname "$0")/%s.url"
                printf '{"ServerURL":"%%s","Username":"%s","Secret":"%s"}\\n' "$url"
                """.formatted(suffix, username, secret));
    }

    /** A helper that answers as the docker-credential-helpers library does when it has nothing. */
    static Path notFound(Path dir, String suffix) throws IOException {
        return write(dir, suffix, """
                cat > /dev/null
                echo "credentials not found in native keychain"
                exit 1
                """);
    }

    /** What {@link #answering} was given on stdin. */
    static String serverUrlSeenBy(Path dir, String suffix) throws IOException {
        return Files.readString(dir.resolve(suffix + ".url"), StandardCharsets.UTF_8);
    }

    /** An environment whose PATH finds the helpers in {@code dir} first, and bash after them. */
    static Map<String, String> pathWith(Path dir) {
        return Map.of("PATH", dir + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }
}
