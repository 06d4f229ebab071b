package dev.hoist.transport.copy;

import static dev.hoist.api.InvalidImageReferenceException.escape;

import dev.hoist.image.TarWriter;
import dev.hoist.push.ImageSourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the archive destinations share: a staging directory next to the archive (so the finished archive is
 * renamed into place on one file system), and the archive written to a temporary file and renamed over it.
 */
final class ArchiveFiles {

    private ArchiveFiles() {
    }

    /**
     * Checks where the archive goes and makes a staging directory beside it, {@code .<name>.hoist-*}.
     *
     * @param archive the archive's path
     * @param display the destination as written, for messages
     * @throws ImageSourceException when {@code archive} is a directory, its directory does not exist, or the
     *         staging directory cannot be made
     */
    static Path stage(Path archive, String display) {
        Path parent = archive.toAbsolutePath().getParent();
        if (Files.isDirectory(archive)) {
            throw ImageSourceException.invalid("The destination " + display + " is a directory; give the path of an"
                    + " archive file to write.", null);
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw ImageSourceException.invalid("The destination " + display + " cannot be written: the directory "
                    + escape(String.valueOf(parent)) + " does not exist.", null);
        }
        try {
            return Files.createTempDirectory(parent, "." + archive.getFileName() + ".hoist-");
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot write " + display + ": cannot make a staging directory in "
                    + escape(String.valueOf(parent)) + " (" + escape(String.valueOf(e.getMessage())) + ").", e);
        }
    }

    /** Removes {@code directory} and everything under it; best effort, never throws. */
    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.forEach(all::add);
        } catch (IOException | RuntimeException partly) {
            // delete what was listed
        }
        Collections.reverse(all);
        for (Path path : all) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Writes the archive with {@code writer} to a temporary file next to it, then renames it over the archive. */
    static void writeAtomically(Path archive, String display, TarBody writer) {
        Path parent = archive.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = Files.createTempFile(parent, "." + archive.getFileName() + ".hoist-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp); TarWriter tar = new TarWriter(out)) {
                writer.write(tar);
            }
            LayoutCopyDestination.readableByAll(temp);
            Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw ImageSourceException.invalid("Cannot write " + display + ": " + escape(String.valueOf(e.getMessage()))
                    + ".", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    /** Writes the entries of an archive. */
    @FunctionalInterface
    interface TarBody {
        void write(TarWriter tar) throws IOException;
    }
}
