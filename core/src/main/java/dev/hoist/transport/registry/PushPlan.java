package dev.hoist.transport.registry;

import dev.hoist.push.PushEvent;
import dev.hoist.transport.manifest.Descriptor;
import dev.hoist.transport.source.OciLayout;
import java.util.List;

/**
 * What a push does, read from its source before (or, for a streamed docker source, while) anything is sent: the
 * layers announced in {@link dev.hoist.push.PushEvent.PushStarted}, the blobs to put and the manifests. A plain
 * value: {@link ImagePush} executes it.
 */
sealed interface PushPlan {

    /** The layers to announce: by blob digest for an OCI layout, by diffID for docker sources. */
    List<PushEvent.Layer> layers();

    /**
     * An OCI layout: every blob as it is, then every manifest and index byte for byte, children by digest and the
     * root under the tag.
     *
     * @param blobs each manifest's config then layers, in the layout's order (repeats included)
     * @param manifests children before the index naming them; the last is the root
     */
    record Oci(List<PushEvent.Layer> layers, List<Blob> blobs, List<OciLayout.Manifest> manifests)
            implements PushPlan {
    }

    /**
     * A docker image: its layers gzip-compressed (or found in the registry), its config blob as it is, under a
     * Docker schema 2 manifest built from them.
     *
     * @param dockerLayers one per layer of the image, base first (repeats included)
     * @param config the image config's exact bytes (its digest is the image id)
     */
    record Docker(List<PushEvent.Layer> layers, List<DockerLayer> dockerLayers, byte[] config) implements PushPlan {
    }

    /**
     * A blob of known digest and size.
     *
     * @param descriptor its digest and size
     * @param what how messages name it
     * @param opener its bytes, again on every call; {@code null} for a non-distributable layer left out (its
     *        descriptor's {@code urls} serve it), which is reported as {@code skipped}
     * @param layer whether it is a layer (reported in the result) rather than a config
     */
    record Blob(Descriptor descriptor, String what, BlobOpener opener, boolean layer) {

        /** Whether it is left out of the push: a non-distributable layer. */
        boolean leftOut() {
            return opener == null;
        }
    }

    /** A layer of a docker image: to be uploaded, or already in the registry (a streamed source pushes while read). */
    sealed interface DockerLayer {
    }

    /**
     * A layer to compress and upload, skipped when the registry has its compressed form.
     *
     * @param diffId the digest of its uncompressed bytes, from the image config
     * @param what how messages name it
     * @param size its size in the source, for progress
     * @param opener its bytes, again on every call
     */
    record LayerToPush(String diffId, String what, long size, BlobOpener opener) implements DockerLayer {
    }

    /**
     * A non-distributable ("foreign") layer left out of the push, as docker leaves it: the manifest names it by its
     * descriptor from the archive's {@code LayerSources}, with the {@code urls} it is fetched from.
     *
     * @param diffId the digest of its uncompressed bytes, from the image config
     * @param descriptor its media type, digest, size and urls
     */
    record LayerLeftOut(String diffId, Descriptor descriptor) implements DockerLayer {
    }

    /**
     * A layer in the registry already.
     *
     * @param blob how it got there
     */
    record LayerPushed(PushedBlob blob) implements DockerLayer {
    }
}
