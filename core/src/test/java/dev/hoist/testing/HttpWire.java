package dev.hoist.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 on the wire, as the raw-socket test servers ({@link LoopbackProxy} and its subclasses,
 * {@link RawHttpServer}) read and write it: a request head, an answer's head and body, and the few byte-level edits
 * the proxies make to an answer. Heads are ISO-8859-1; header lines are kept as written ({@code "Name: value"}).
 */
final class HttpWire {

    private HttpWire() {
    }

    /** A request head: its first line, split, and its header lines as written. */
    record Request(String line, String method, String target, List<String> headers) {

        /**
         * Reads a request head up to its empty line.
         *
         * @return the head; {@code null} at the end of the stream, or when the first byte opens a TLS handshake
         *         ({@code 0x16}: these servers speak plain HTTP only)
         */
        static Request read(InputStream in) throws IOException {
            int first = in.read();
            if (first < 0 || first == 0x16) {
                return null;
            }
            String line = (char) first + readLine(in);
            if (line.isBlank()) {
                return null;
            }
            List<String> headers = readHead(in);
            String[] parts = line.split(" ");
            return new Request(line, parts[0], parts.length > 1 ? parts[1] : "", List.copyOf(headers));
        }

        /** The first value of header {@code name} (any case). */
        Optional<String> header(String name) {
            return HttpWire.header(headers, name);
        }

        /** {@code Content-Length}, or 0 without one. */
        long contentLength() {
            return header("Content-Length").map(v -> Long.parseLong(v.strip())).orElse(0L);
        }

        /** Whether the body comes in chunks ({@code Transfer-Encoding: chunked}). */
        boolean chunked() {
            return header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        }

        /** The path of the target, without its query. */
        String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** The query of the target, without {@code ?}; empty when there is none. */
        String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }
    }

    /**
     * An answer as it came off the wire: the status line, the header lines as written, and the body bytes exactly as
     * sent (chunk framing included, when {@code Transfer-Encoding: chunked}).
     */
    record Answer(String statusLine, List<String> headers, byte[] body) {

        /** Splits a whole answer (read to the end of the connection); {@code null} when its head never ends. */
        static Answer parse(byte[] raw) {
            int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                return null;
            }
            String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            byte[] body = new byte[raw.length - end - 4];
            System.arraycopy(raw, end + 4, body, 0, body.length);
            return new Answer(lines[0], List.copyOf(headers), body);
        }

        /** The status code; -1 when the status line has none. */
        int status() {
            return statusOf(statusLine.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** The first value of header {@code name} (any case). */
        Optional<String> header(String name) {
            return HttpWire.header(headers, name);
        }

        /** This answer without any header named {@code name} (any case). */
        Answer without(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return new Answer(statusLine, headers.stream()
                    .filter(h -> !h.toLowerCase(Locale.ROOT).startsWith(prefix)).toList(), body);
        }

        /** This answer with header {@code name} set to {@code value}, in place of any it had. */
        Answer with(String name, String value) {
            List<String> edited = new ArrayList<>(without(name).headers());
            edited.add(name + ": " + value);
            return new Answer(statusLine, List.copyOf(edited), body);
        }

        /** This answer with {@code body} in place of its own; headers untouched. */
        Answer withBody(byte[] replacement) {
            return new Answer(statusLine, headers, replacement);
        }

        /** This answer ending its connection: {@code Connection: close} in place of any connection headers. */
        Answer closing() {
            return without("Connection").without("Keep-Alive").with("Connection", "close");
        }

        /**
         * This answer with a plain body: a chunked body decoded, {@code Transfer-Encoding} replaced by
         * {@code Content-Length}. An answer that is not chunked is returned as it is.
         */
        Answer dechunked() throws IOException {
            if (!header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                return this;
            }
            InputStream in = new java.io.ByteArrayInputStream(body);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                plain.write(in.readNBytes(size));
                readLine(in);
            }
            byte[] bytes = plain.toByteArray();
            return without("Transfer-Encoding").with("Content-Length", Long.toString(bytes.length)).withBody(bytes);
        }

        /** The answer's bytes: status line, header lines, empty line, body. */
        byte[] bytes() {
            StringBuilder head = new StringBuilder(statusLine).append("\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            whole.writeBytes(body);
            return whole.toByteArray();
        }
    }

    /**
     * A complete answer that ends its connection: {@code HTTP/1.1 <status> <reason>}, {@code headers} (each
     * {@code "Name: value"}), {@code Content-Length} of {@code body}, {@code Connection: close}, then the body.
     */
    static byte[] answer(int status, String reason, List<String> headers, byte[] body) {
        List<String> all = new ArrayList<>(headers);
        all.add("Content-Length: " + body.length);
        all.add("Connection: close");
        return new Answer("HTTP/1.1 " + status + " " + reason, all, body).bytes();
    }

    /** The first value of {@code name} (any case) among header lines {@code "Name: value"}. */
    static Optional<String> header(List<String> headers, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(h -> h.substring(prefix.length()).strip()).findFirst();
    }

    /** The status code of an answer's first bytes; -1 when they hold none. */
    static int statusOf(byte[] answer) {
        String first = new String(answer, 0, Math.min(answer.length, 64), StandardCharsets.ISO_8859_1);
        String[] parts = first.split(" ");
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1].strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The first index of {@code pattern} in {@code data}, or -1. */
    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Header lines up to the empty line (or the end of the stream). */
    static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    /** One line without its CR LF; what is left at the end of the stream (empty there). */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
