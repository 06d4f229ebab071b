package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HttpWire}, the wire format the raw-socket test servers share; no services needed. */
class HttpWireTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsARequestHeadAndLeavesTheBody() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(ascii(
                "PUT /v2/a/b/manifests/1?x=y HTTP/1.1\r\nHost: h\r\ncontent-length: 4\r\n\r\nbody"));

        HttpWire.Request request = HttpWire.Request.read(in);

        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.target()).isEqualTo("/v2/a/b/manifests/1?x=y");
        assertThat(request.path()).isEqualTo("/v2/a/b/manifests/1");
        assertThat(request.query()).isEqualTo("x=y");
        assertThat(request.header("HOST")).contains("h");
        assertThat(request.contentLength()).isEqualTo(4);
        assertThat(request.chunked()).isFalse();
        assertThat(in.readAllBytes()).isEqualTo(ascii("body"));
    }

    @Test
    void aTlsHandshakeOrTheEndOfTheStreamIsNoRequest() throws Exception {
        assertThat(HttpWire.Request.read(new ByteArrayInputStream(new byte[] {0x16, 0x03, 0x01}))).isNull();
        assertThat(HttpWire.Request.read(new ByteArrayInputStream(new byte[0]))).isNull();
    }

    @Test
    void editsAnAnswersHeadersAndKeepsItsBody() {
        HttpWire.Answer answer = HttpWire.Answer.parse(ascii(
                "HTTP/1.1 200 OK\r\nDocker-Content-Digest: sha256:1\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\n"
                        + "Content-Length: 3\r\n\r\nabc"));

        HttpWire.Answer edited = answer.closing().without("docker-content-digest");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(edited.headers()).containsExactly("Content-Length: 3", "Connection: close");
        assertThat(new String(edited.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    }

    @Test
    void dechunksAChunkedBody() throws Exception {
        HttpWire.Answer chunked = HttpWire.Answer.parse(ascii(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n"));

        HttpWire.Answer plain = chunked.dechunked();

        assertThat(plain.body()).isEqualTo(ascii("abcde"));
        assertThat(plain.headers()).containsExactly("Content-Length: 5");
    }

    @Test
    void aHeadThatNeverEndsIsNoAnswer() {
        assertThat(HttpWire.Answer.parse(ascii("HTTP/1.1 200 OK\r\nContent-Le"))).isNull();
        assertThat(HttpWire.statusOf(ascii("HTTP/1.1 200 OK\r\nContent-Le"))).isEqualTo(200);
    }

    @Test
    void buildsAClosingAnswer() {
        byte[] answer = HttpWire.answer(307, "Temporary Redirect", List.of("Location: http://x/y"), new byte[0]);

        assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://x/y\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
}
