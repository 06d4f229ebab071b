package dev.hoist.transport.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Paths inside a tar: normalised ({@code ./a/../b} is {@code b}) and followed through symbolic links. */
final class TarPaths {

    private TarPaths() {
    }

    /** {@code ./x}, {@code x/}, {@code a/../x} → {@code x}. */
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

    /** Where a symbolic link at {@code entry} pointing to {@code target} leads. */
    static String linkTarget(String entry, String target) {
        if (target.startsWith("/")) {
            return normalize(target);
        }
        int slash = entry.lastIndexOf('/');
        return normalize((slash < 0 ? "" : entry.substring(0, slash + 1)) + target);
    }

    /** Follows {@code path} through {@code links} (at most 16 hops). */
    static String resolve(String path, Map<String, String> links) {
        String current = normalize(path);
        for (int i = 0; i < 16 && links.containsKey(current); i++) {
            current = links.get(current);
        }
        return current;
    }
}
