package dev.hoist.distribution;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultHttpResponseParser;
import org.apache.hc.core5.http.io.HttpTransportMetrics;
import org.apache.hc.core5.http.io.SessionInputBuffer;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * HttpClient's response parser, but an answer whose header block ends with the connection instead of an empty line
 * (RFC 9112 section 2.1) is a {@link Truncated} failure, not a complete answer: the stock parser takes the end of the
 * stream for the end of the headers, so a cut {@code Location} would be used as if whole and a manifest {@code PUT}
 * cut before its {@code Docker-Content-Digest} would pass unchecked.
 */
final class StrictResponseParser extends DefaultHttpResponseParser {

    /** An answer that ended inside its headers; retried like a connection closed early. */
    static final class Truncated extends IOException {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super("the answer ended inside its headers");
        }
    }

    StrictResponseParser(Http1Config config) {
        super(config);
    }

    @Override
    public ClassicHttpResponse parse(SessionInputBuffer buffer, InputStream inputStream)
            throws IOException, HttpException {
        EndWatch watch = new EndWatch(buffer);
        ClassicHttpResponse response;
        try {
            response = super.parse(watch, inputStream);
        } catch (HttpException unreadable) {
            // A header line cut in the middle ("Docker-Content-") does not parse; the cut is the cause.
            if (watch.endedAfterALine) {
                throw new Truncated();
            }
            throw unreadable;
        }
        if (response != null && watch.endedAfterALine) {
            throw new Truncated();
        }
        return response;
    }

    /** The session buffer, noting whether a line read hit the end of the stream after the status line. */
    private static final class EndWatch implements SessionInputBuffer {
        private final SessionInputBuffer buffer;
        private int lines;
        private boolean endedAfterALine;

        EndWatch(SessionInputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int readLine(CharArrayBuffer line, InputStream inputStream) throws IOException {
            int read = buffer.readLine(line, inputStream);
            if (read < 0 && lines > 0) {
                endedAfterALine = true;
            } else if (read >= 0) {
                lines++;
            }
            return read;
        }

        @Override
        public int length() {
            return buffer.length();
        }

        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public int available() {
            return buffer.available();
        }

        @Override
        public int read(byte[] bytes, int offset, int length, InputStream inputStream) throws IOException {
            return buffer.read(bytes, offset, length, inputStream);
        }

        @Override
        public int read(byte[] bytes, InputStream inputStream) throws IOException {
            return buffer.read(bytes, inputStream);
        }

        @Override
        public int read(InputStream inputStream) throws IOException {
            return buffer.read(inputStream);
        }

        @Override
        public HttpTransportMetrics getMetrics() {
            return buffer.getMetrics();
        }
    }
}
