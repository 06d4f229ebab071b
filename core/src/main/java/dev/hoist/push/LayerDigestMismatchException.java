package dev.hoist.push;

/**
 * A damaged blob: {@link ImageSourceException#digestMismatch}, reason {@link ImageSourceException.Reason#DIGEST_MISMATCH}.
 *
 * @deprecated use {@link ImageSourceException#digestMismatch}; kept only while {@code dev.hoist.transport} still
 *     names it
 */
// TODO(lead): remove after the transport merge
@Deprecated
public class LayerDigestMismatchException extends ImageSourceException {

    public LayerDigestMismatchException(String source, String what, String expected, String actual) {
        super(Reason.DIGEST_MISMATCH, digestMismatchMessage(source, what, expected, actual), null);
    }
}
