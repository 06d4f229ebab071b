package dev.hoist.distribution;

import dev.hoist.spi.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * A request body written by its producer as it is sent; repeatable until it was written, so a 401 answered before
 * {@code 100 Continue} can be sent again with a new token. A {@link HoistException} the producer throws reaches the
 * caller of {@link RegistryHttp#send} as it was.
 */
final class StreamingBody extends AbstractHttpEntity {

    /** Carries a {@link HoistException} thrown while the body was written out through the HTTP client. */
    static final class Aborted extends IOException {
        private static final long serialVersionUID = 1L;
        final transient HoistException reason;

        Aborted(HoistException reason) {
            super("request body aborted");
            this.reason = reason;
        }
    }

    private final long length;
    private final BodyWriter writer;
    private volatile boolean written;

    /** @param length the body's size in bytes; negative for chunked */
    StreamingBody(long length, BodyWriter writer) {
        super(ContentType.APPLICATION_OCTET_STREAM, null, length < 0);
        this.length = length;
        this.writer = writer;
    }

    @Override
    public boolean isRepeatable() {
        return !written;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a streaming blob body is written, not read");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        written = true;
        try {
            writer.writeTo(out);
        } catch (HoistException reason) {
            throw new Aborted(reason);
        }
        out.flush();
    }

    @Override
    public boolean isStreaming() {
        return !written;
    }

    @Override
    public void close() {
    }
}
