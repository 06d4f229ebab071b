package dev.hoist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** A class loader that sees one more {@code reference.conf}, as a host's or a flavor's jar would bring it. */
public final class ReferenceConf {

    private ReferenceConf() {
    }

    /**
     * A loader over {@code parent} that also finds {@code dir/reference.conf} holding {@code hocon}.
     *
     * @param dir an empty directory for the file
     * @param hocon the reference.conf text
     */
    public static ClassLoader loader(Path dir, String hocon, ClassLoader parent) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("reference.conf"), hocon);
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, parent);
        } catch (MalformedURLException wrong) {
            throw new IllegalStateException(wrong);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
