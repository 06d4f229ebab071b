package dev.hoist.push;

/**
 * A blob's bytes do not hash to the digest its manifest or image config gives it (for a docker image, the
 * layer's diffID), so the source is damaged. The blob was not committed and no manifest was pushed.
 */
public class LayerDigestMismatchException extends ImageSourceException {

    /**
     * @param source the image source, as written ({@code docker-archive:/tmp/app.tar})
     * @param what which blob: {@code layer 2 (blobs/sha256/ab12…)}
     * @param expected the digest the source declares
     * @param actual the digest of the bytes read
     */
    public LayerDigestMismatchException(String source, String what, String expected, String actual) {
        super("The " + what + " of " + source + " is damaged: its bytes hash to " + actual + " but the image says "
                + expected + ". Re-create the archive or layout and push again.", null);
    }
}
