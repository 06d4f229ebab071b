/**
 * The image manifest and descriptor model the registry-API transport and its source readers share: the media
 * types ({@link dev.hoist.transport.manifest.MediaTypes}), content descriptors
 * ({@link dev.hoist.transport.manifest.Descriptor}) and the Docker schema 2 manifest written for docker sources
 * ({@link dev.hoist.transport.manifest.DockerManifest}), as records serialized with Jackson.
 *
 * <p>What the transport writes here is hashed into the pushed image's digest, so its bytes are fixed: a change in
 * field order or formatting changes the digest of every image pushed from a docker source.
 */
package dev.hoist.transport.manifest;
