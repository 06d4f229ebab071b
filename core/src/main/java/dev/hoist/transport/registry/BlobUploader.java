package dev.hoist.transport.registry;

import dev.hoist.transport.compress.HashingOutputStream;

import dev.hoist.transport.compress.LayerCompressor;

import dev.hoist.push.RegistryException;
import dev.hoist.push.ImageSourceException;
import dev.hoist.distribution.Blobs;
import dev.hoist.distribution.BodyWriter;
import dev.hoist.distribution.Digests;
import dev.hoist.distribution.RetryPolicy;
import dev.hoist.push.PushResult.Outcome;
import dev.hoist.transport.manifest.MediaTypes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the blobs of one push into the registry, each ending in a typed {@link Outcome}: {@code EXISTS} (a
 * {@code HEAD} found it), {@code MOUNTED} (from a sibling repository the blob-info cache names) or
 * {@code UPLOADED}. The only user of the registry's blob endpoints: {@code HEAD}, mount, upload sessions,
 * {@code PATCH}/{@code PUT} and their cancellation.
 *
 * <p>A blob whose bytes can be read again is retried as a whole, each attempt in a new upload session
 * ({@link #retrying}); a layer read once from a stream is tried once ({@link #once}).
 */
final class BlobUploader {

    private static final Logger LOG = LoggerFactory.getLogger(BlobUploader.class);
    private static final int COPY_BUFFER = 64 * 1024;

    /** What a cross-repository mount attempt came to. */
    sealed interface MountAttempt {
        /** The registry mounted the blob (201). */
        record Mounted() implements MountAttempt {
        }

        /** The registry opened an upload session instead (202): upload into it, or cancel it. */
        record SessionOpened(URI session) implements MountAttempt {
        }

        /** No sibling repository is known to hold the blob: nothing was asked. */
        record NotTried() implements MountAttempt {
        }
    }

    /** A layer uploaded (or found) and the diffID of its bytes. */
    record UploadedLayer(PushedBlob blob, String diffId) {
    }

    private final Blobs blobs;
    private final String repository;
    private final String host;
    private final String source;
    private final BlobInfoCache cache;
    private final RetryPolicy retry;
    private final long monolithicThreshold;
    private final LayerCompressor compressor;
    private final AtomicLong uploaded = new AtomicLong();

    BlobUploader(Blobs blobs, RegistryTarget target, String source, BlobInfoCache cache, RetryPolicy retry,
                 long monolithicThreshold, LayerCompressor compressor) {
        this.blobs = blobs;
        this.repository = target.repository();
        this.host = target.host();
        this.source = source;
        this.cache = cache;
        this.retry = retry;
        this.monolithicThreshold = monolithicThreshold;
        this.compressor = compressor;
    }

    /** The blob bytes this push sent (compressed sizes). */
    long uploaded() {
        return uploaded.get();
    }

    /**
     * Runs an upload of a blob whose bytes can be read again, as many times as the retry policy allows; each
     * attempt in a new upload session (the failed one was cancelled).
     */
    <T> T retrying(String what, RetryPolicy.Attempt<T> attempt) {
        return retry.run(host, "Upload of " + what + " to " + host + "/" + repository, attempt);
    }

    /** Runs the upload of a blob read from a stream that cannot be read again: one attempt. */
    <T> T once(String what, Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (RetryPolicy.Transient failed) {
            throw RegistryException.unavailable("Upload of " + what + " from " + source + " to "
                    + host + "/" + repository + " failed after 1 attempt: " + failed.reason() + ". It comes from a"
                    + " stream read once, so it is not retried here; run the push again: blobs already in the"
                    + " registry are skipped.", 1, failed.getCause());
        }
    }

    /** A blob whose digest and size are known: skipped when there, else mounted, else uploaded (retried). */
    PushedBlob blob(String digest, long size, String what, BlobOpener opener) {
        return blob(digest, size, what, opener, false);
    }

    /**
     * As {@link #blob(String, long, String, BlobOpener)}.
     *
     * @param verified whether the opener's streams check themselves against {@code digest} and {@code size} (a
     *        {@link dev.hoist.distribution.VerifyingInputStream}: a read that ends on other bytes throws), so the
     *        upload need not hash them again
     */
    PushedBlob blob(String digest, long size, String what, BlobOpener opener, boolean verified) {
        if (blobs.exists(repository, digest)) {
            cache.rememberRepository(host, digest, repository);
            return new PushedBlob(digest, size, Outcome.EXISTS);
        }
        MountAttempt mount = mount(digest);
        if (mount instanceof MountAttempt.Mounted) {
            return new PushedBlob(digest, size, Outcome.MOUNTED);
        }
        retrying(what, number -> {
            URI upload = number == 1 && mount instanceof MountAttempt.SessionOpened opened ? opened.session()
                    : blobs.startUpload(repository);
            upload(digest, size, what, opener, upload, verified);
            return null;
        });
        uploaded.addAndGet(size);
        cache.rememberRepository(host, digest, repository);
        return new PushedBlob(digest, size, Outcome.UPLOADED);
    }

    private void upload(String digest, long size, String what, BlobOpener opener, URI upload, boolean verified) {
        if (size <= monolithicThreshold) {
            byte[] bytes;
            try (InputStream in = opener.open()) {
                bytes = in.readNBytes((int) size + 1);
            } catch (IOException e) {
                blobs.cancel(repository, upload);
                throw SourceFailures.unreadable(source, what, e);
            }
            String actual = Digests.sha256(bytes);
            if (bytes.length != size || !actual.equals(digest)) {
                blobs.cancel(repository, upload);
                throw ImageSourceException.digestMismatch(source, what, digest, actual);
            }
            blobs.commit(repository, upload, digest, bytes);
        } else {
            CheckedCopy body = new CheckedCopy(opener, size, what, verified ? digest : null);
            streamed(upload, size, body::writeTo, () -> {
                if (!body.digest.equals(digest)) {
                    throw ImageSourceException.digestMismatch(source, what, digest, body.digest);
                }
                return digest;
            });
        }
    }

    /**
     * One streamed {@code PATCH} of {@code body} into {@code upload}, then the closing {@code PUT} with the digest
     * {@code digestOfBody} gives once the body is written; when that throws (the bytes were not what was expected),
     * the session is cancelled.
     *
     * @return the digest the registry committed
     */
    private String streamed(URI upload, long length, BodyWriter body, Supplier<String> digestOfBody) {
        URI next = blobs.patch(repository, upload, length, body);
        String digest;
        try {
            digest = digestOfBody.get();
        } catch (RuntimeException rejected) {
            blobs.cancel(repository, next);
            throw rejected;
        }
        return blobs.commit(repository, next, digest, null);
    }

    /**
     * The body of a streamed upload of a known blob: its bytes copied as they are, hashed on the way, but for a
     * stream that checks itself, which is read to its end (where it checks) and not hashed twice.
     */
    private static final class CheckedCopy {
        private final BlobOpener opener;
        private final long size;
        private final String what;
        private final String verifiedDigest;
        private String digest;

        /** @param verifiedDigest the digest a self-checking stream guarantees; {@code null} to hash the bytes */
        CheckedCopy(BlobOpener opener, long size, String what, String verifiedDigest) {
            this.opener = opener;
            this.size = size;
            this.what = what;
            this.verifiedDigest = verifiedDigest;
        }

        void writeTo(OutputStream out) throws IOException {
            HashingOutputStream hashing = verifiedDigest == null ? new HashingOutputStream(out) : null;
            OutputStream sink = hashing != null ? hashing : out;
            try (InputStream in = opener.open()) {
                byte[] buffer = new byte[COPY_BUFFER];
                long left = size;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    sink.write(buffer, 0, n);
                    left -= n;
                }
                if (left > 0) {
                    throw new EOFException(what + " ends " + left + " bytes early");
                }
                if (verifiedDigest != null && in.read() >= 0) {
                    throw new java.io.IOException(what + " is longer than its " + size + " bytes");
                }
            }
            sink.flush();
            digest = hashing != null ? hashing.digest() : verifiedDigest;
        }
    }

    /** Tries a cross-repository mount from a sibling repository the cache names (the latest first). */
    MountAttempt mount(String digest) {
        List<String> holders = cache.repositoriesHolding(host, digest);
        for (int i = holders.size() - 1; i >= 0; i--) {
            String from = holders.get(i);
            if (from.equals(repository)) {
                continue;
            }
            if (blobs.mount(repository, digest, from) instanceof Blobs.Mount.Session session) {
                return new MountAttempt.SessionOpened(session.upload());
            }
            LOG.debug("Mounted {} from {} into {}", digest, from, repository);
            cache.rememberRepository(host, digest, repository);
            return new MountAttempt.Mounted();
        }
        return new MountAttempt.NotTried();
    }

    /** The compressed blob of {@code diffId} if the cache knows it and the registry has it (HEAD) or mounts it. */
    Optional<PushedBlob> presentLayer(String diffId, long sourceSize) {
        if (!cachedSizeMatches(diffId, sourceSize)) {
            return Optional.empty();
        }
        Optional<BlobInfoCache.Blob> known = cache.compressedFor(host, diffId);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        BlobInfoCache.Blob blob = known.get();
        if (blobs.exists(repository, blob.digest())) {
            cache.rememberRepository(host, blob.digest(), repository);
            return Optional.of(new PushedBlob(blob.digest(), blob.size(), Outcome.EXISTS));
        }
        MountAttempt mount = mount(blob.digest());
        if (mount instanceof MountAttempt.Mounted) {
            return Optional.of(new PushedBlob(blob.digest(), blob.size(), Outcome.MOUNTED));
        }
        if (mount instanceof MountAttempt.SessionOpened opened) {
            blobs.cancel(repository, opened.session());
        }
        return Optional.empty();
    }

    /**
     * Whether the blob-info cache's entry for {@code diffId}, if any, agrees with the layer's size in its source.
     * One that disagrees maps the layer to a blob that is not it (a stale or damaged entry): it is forgotten, and the
     * layer is compressed and sent.
     *
     * @param sourceSize the layer's size in its source; -1 when the source does not tell it before it is read
     */
    boolean cachedSizeMatches(String diffId, long sourceSize) {
        Optional<BlobInfoCache.Blob> known = cache.compressedFor(host, diffId);
        if (known.isEmpty() || sourceSize < 0 || known.get().sourceSize() < 0
                || known.get().sourceSize() == sourceSize) {
            return true;
        }
        LOG.info("The blob-info cache maps layer {} to {}, recorded at {} bytes in its source, but the source holds {}"
                + " bytes: a stale entry, forgotten; the layer is sent", diffId, known.get().digest(),
                known.get().sourceSize(), sourceSize);
        cache.forgetLayer(host, diffId);
        return false;
    }

    /**
     * A docker layer given uncompressed (or gzip already): skipped when the cache and a {@code HEAD} say the
     * registry has its compressed form, else compressed on the fly ({@link LayerCompressor}) and uploaded in one
     * streamed {@code PATCH}.
     *
     * @param expectedDiffId the diffID the image config gives it, checked against the bytes; {@code null} when
     *        not known yet (the caller checks the returned diffID)
     * @param content the layer's bytes (not closed here)
     * @return the blob and the diffID of the bytes read ({@code expectedDiffId} when skipped)
     */
    UploadedLayer layer(String expectedDiffId, String what, InputStream content) {
        if (expectedDiffId != null) {
            Optional<PushedBlob> present = presentLayer(expectedDiffId, -1);
            if (present.isPresent()) {
                return new UploadedLayer(present.get(), expectedDiffId);
            }
        }
        LayerCompressor.Compression compression;
        try {
            compression = compressor.start(content);
        } catch (IOException e) {
            throw SourceFailures.unreadable(source, what, e);
        }
        URI upload = blobs.startUpload(repository);
        String digest = streamed(upload, -1, compression::writeTo, () -> {
            LayerCompressor.CompressedLayer sent = compression.result();
            if (expectedDiffId != null && !sent.diffId().equals(expectedDiffId)) {
                throw ImageSourceException.digestMismatch(source, what, expectedDiffId, sent.diffId());
            }
            return sent.digest();
        });
        LayerCompressor.CompressedLayer sent = compression.result();
        uploaded.addAndGet(sent.size());
        cache.rememberLayer(host, sent.diffId(), new BlobInfoCache.Blob(digest, sent.size(), MediaTypes.DOCKER_LAYER_GZIP,
                sent.sourceSize()));
        cache.rememberRepository(host, digest, repository);
        return new UploadedLayer(new PushedBlob(digest, sent.size(), Outcome.UPLOADED), sent.diffId());
    }
}
