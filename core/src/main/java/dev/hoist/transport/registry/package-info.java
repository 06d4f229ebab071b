/**
 * The {@link dev.hoist.transport.registry.RegistryApiTransport}, which pushes an image over the registry HTTP API v2
 * (the OCI distribution spec, https://github.com/opencontainers/distribution-spec/blob/main/spec.md) through the
 * registry HTTP layer of {@link dev.hoist.distribution} (connections, auth, tokens, retries, the blob and manifest
 * endpoints).
 *
 * <p><b>Why Apache HttpClient 5 (classic, blocking) rather than the JDK's {@code java.net.http.HttpClient}.</b>
 * <ul>
 *   <li>{@code close()} releases every connection at once, and the blocking client runs no background thread,
 *       so nothing is left behind after {@link dev.hoist.transport.registry.RegistryApiTransport#close()}. The
 *       JDK 17 client has no {@code close()}; its selector thread lives until the client is garbage-collected.</li>
 *   <li>A request body is written by the calling thread into the socket ({@code HttpEntity.writeTo}), so a layer
 *       is compressed straight into the connection without an extra pipe and thread per upload; the JDK client
 *       pulls bodies through a {@code Flow.Publisher} on its own executor.</li>
 *   <li>{@code Expect: 100-continue} is one switch, so a request refused with 401 (an expired token) has not
 *       consumed its streamed body and can be sent again after a token refresh.</li>
 *   <li>It is already on the class path (docker-java's transport brings the same version), so no new jar.</li>
 * </ul>
 * The price: its wire loggers ({@code org.apache.hc.client5.http.headers} and {@code …wire}) print the
 * {@code Authorization} header at DEBUG. Keep them at INFO or above where secrets matter; Hoist's own logs never
 * carry a secret.
 *
 * <p><b>Compression.</b> The compressed digest of a layer is only known after compressing it; this transport
 * neither compresses to a temporary file nor makes a first pass. It opens the upload session, streams the gzip
 * bytes in one chunked {@code PATCH} while hashing them, then commits with {@code PUT ?digest=} the digest it just
 * computed, as the spec allows. The blob-info cache then remembers diffID → compressed digest, so an unchanged
 * layer is never compressed again (a {@code HEAD} confirms it is there). Memory stays bounded: each upload holds
 * a few 256 KiB blocks in flight.
 *
 * <p><b>Who does what.</b> {@link dev.hoist.transport.registry.RegistryApiTransport} owns the thread pools, the
 * cancel watchdog and the blob-info cache, and turns a failed push into its typed error. Per push,
 * {@code ImagePush} orchestrates: a reader makes the {@code PushPlan} ({@code OciLayoutReader} for {@code oci:},
 * {@code DockerArchiveReader} for a plain {@code docker-archive:} file), or {@code DockerStreamPush} pushes the
 * layers of a streamed source (a gzip archive, the engine's save stream) while it reads; {@code ImagePush} runs the
 * blobs on the upload pool ({@code BlobTasks}) through the {@code BlobUploader} (every blob endpoint; each blob ends
 * {@code EXISTS}, {@code MOUNTED} or {@code UPLOADED}), which compresses layers with the {@code LayerCompressor},
 * then puts the manifests through {@link dev.hoist.distribution.Manifests}, the docker one built from
 * {@link dev.hoist.transport.manifest.DockerManifest}. {@code LayerProgress} filters the events. Control flows one
 * way: transport → uploader and compressor → the endpoints ({@link dev.hoist.distribution.Blobs},
 * {@link dev.hoist.distribution.Manifests}) → {@link dev.hoist.distribution.RegistryHttp}; only the body writer of a
 * streamed {@code PATCH} is called back, as the request's body.
 */
package dev.hoist.transport.registry;

import dev.hoist.transport.compress.LayerCompressor;

import dev.hoist.transport.copy.BlobTasks;
