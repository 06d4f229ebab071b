package dev.hoist.registry;

import dev.hoist.distribution.ManifestInfo;
import dev.hoist.distribution.RawManifest;
import dev.hoist.push.RegistryAuthenticationException;
import dev.hoist.transport.copy.CopyDestination;
import dev.hoist.transport.copy.CopySource;
import dev.hoist.transport.copy.RegistryLocation;
import dev.hoist.transport.manifest.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A copy's registry ends, each naming its own registry's credentials when that registry refuses them: in a copy
 * between two registries, a refusal says which end refused and which setting holds the credentials it used.
 */
final class ExplainedEnds {

    private ExplainedEnds() {
    }

    private static <T> T explained(Function<RegistryAuthenticationException, RuntimeException> explain,
                                   Supplier<T> call) {
        try {
            return call.get();
        } catch (RegistryAuthenticationException refused) {
            throw explain.apply(refused);
        }
    }

    /** {@code source}, whose refusals {@code explain} words. */
    static CopySource source(CopySource source, Function<RegistryAuthenticationException, RuntimeException> explain) {
        return new CopySource() {
            @Override
            public String display() {
                return source.display();
            }

            @Override
            public RawManifest root() {
                return explained(explain, source::root);
            }

            @Override
            public ManifestInfo describe() {
                return explained(explain, source::describe);
            }

            @Override
            public RawManifest manifest(Descriptor descriptor) {
                return explained(explain, () -> source.manifest(descriptor));
            }

            @Override
            public InputStream openBlob(Descriptor descriptor) throws IOException {
                try {
                    return source.openBlob(descriptor);
                } catch (RegistryAuthenticationException refused) {
                    throw explain.apply(refused);
                }
            }

            @Override
            public boolean hasBlob(Descriptor descriptor) {
                return explained(explain, () -> source.hasBlob(descriptor));
            }

            @Override
            public Optional<RegistryLocation> registry() {
                return source.registry();
            }

            @Override
            public void cancel() {
                source.cancel();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** {@code destination}, whose refusals {@code explain} words. */
    static CopyDestination destination(CopyDestination destination,
                                       Function<RegistryAuthenticationException, RuntimeException> explain) {
        return new CopyDestination() {
            @Override
            public String display() {
                return destination.display();
            }

            @Override
            public Optional<String> currentDigest() {
                return explained(explain, destination::currentDigest);
            }

            @Override
            public boolean holdsIndexes() {
                return destination.holdsIndexes();
            }

            @Override
            public BlobResult putBlob(Descriptor descriptor, Optional<RegistryLocation> from, BlobOpener opener) {
                return explained(explain, () -> destination.putBlob(descriptor, from, opener));
            }

            @Override
            public void putManifest(RawManifest manifest) {
                explained(explain, () -> {
                    destination.putManifest(manifest);
                    return null;
                });
            }

            @Override
            public void commit(RawManifest root) {
                explained(explain, () -> {
                    destination.commit(root);
                    return null;
                });
            }

            @Override
            public void cancel() {
                destination.cancel();
            }

            @Override
            public void abort() {
                destination.abort();
            }

            @Override
            public void close() {
                destination.close();
            }
        };
    }
}
