package dev.hoist.distribution;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a streamed request body (a blob); called at most once per request. */
@FunctionalInterface
public interface BodyWriter {

    /**
     * @param out the request body; not closed by the writer
     * @throws IOException when the source fails; a {@link dev.hoist.spi.HoistException} thrown here reaches the
     *         caller of the upload as it is
     */
    void writeTo(OutputStream out) throws IOException;
}
