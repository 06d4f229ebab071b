package dev.hoist.transport.source;

import dev.hoist.push.ImageSourceException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * Paths inside a tar: normalised ({@code ./a/../b} is {@code b}) and followed through symbolic and hard links,
 * never out of the archive: an entry whose name climbs out of it ({@code ../x}) is refused when the archive is
 * listed, and a link that leads out of it (to an absolute path, or up past its root) is refused when it is followed.
 * Nothing outside the archive is ever read: a link is only followed to another entry of the archive.
 */
public final class TarPaths {

    /** How the target of a link that leads out of the archive is kept: no normalised entry name starts with it. */
    private static final String OUTSIDE = "/";

    private TarPaths() {
    }

    /** {@code ./x}, {@code x/}, {@code a/../x} → {@code x}; a {@code ..} above the root is dropped. */
    static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** Whether the relative {@code path} climbs above the archive's root with its {@code ..} parts, or is absolute. */
    static boolean leaves(String path) {
        if (path.startsWith("/")) {
            return true;
        }
        int depth = 0;
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return true;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    /**
     * The normalised name of a tar entry.
     *
     * @throws ImageSourceException when the name climbs out of the archive ({@code ../x}) or is absolute
     */
    static String entryName(String name, String source) {
        if (leaves(name)) {
            throw ImageSourceException.invalid("The entry " + name + " of the archive " + source + " lies outside the"
                    + " archive (its name " + (name.startsWith("/") ? "is absolute" : "climbs out with ..") + ");"
                    + " Hoist reads nothing outside an archive.", null);
        }
        return normalize(name);
    }

    /** The control files of an archive, each of which it may hold once. */
    private static final Set<String> CONTROL = Set.of("manifest.json", "index.json", "oci-layout", "repositories");

    /**
     * Notes entry {@code name} of the archive in {@code seen}.
     *
     * @throws ImageSourceException when it is a control file the archive holds already, so which one counts is
     *         ambiguous
     */
    static void once(String name, Set<String> seen, String source) {
        if (CONTROL.contains(name) && !seen.add(name)) {
            throw ImageSourceException.invalid("The archive " + source + " holds " + name + " twice, so which one"
                    + " counts is ambiguous; re-create it (docker save).", null);
        }
    }

    /** Where a symbolic link at {@code entry} pointing to {@code target} leads; marked when out of the archive. */
    static String linkTarget(String entry, String target) {
        int slash = entry.lastIndexOf('/');
        String path = target.startsWith("/") ? target : (slash < 0 ? "" : entry.substring(0, slash + 1)) + target;
        return leaves(path) ? OUTSIDE : normalize(path);
    }

    /** Where a hard link to {@code target} (a path from the archive's root) leads; marked when out of the archive. */
    static String hardLinkTarget(String target) {
        return leaves(target) ? OUTSIDE : normalize(target);
    }

    /**
     * Follows {@code path} through {@code links} (at most 16 hops), as {@link TarStream} and
     * {@link DockerArchiveFile} record them.
     *
     * @param source the source, for messages
     * @return the entry it leads to
     * @throws ImageSourceException when a link on the way leads out of the archive: names that link, and nothing
     *         of where it leads
     */
    public static String resolve(String path, Map<String, String> links, String source) {
        String current = normalize(path);
        for (int i = 0; i < 16 && links.containsKey(current); i++) {
            String next = links.get(current);
            if (next.equals(OUTSIDE)) {
                throw ImageSourceException.invalid("The entry " + current + " of the archive " + source + " links"
                        + " outside the archive; Hoist reads nothing outside an archive.", null);
            }
            current = next;
        }
        return current;
    }
}
