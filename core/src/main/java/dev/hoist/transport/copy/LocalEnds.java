package dev.hoist.transport.copy;

import dev.hoist.push.ImageDestination;
import dev.hoist.push.ImageSource;

/** Opens the local ends of a copy: OCI layouts and archives. */
public interface LocalEnds {

    /**
     * A local source: {@code oci:} or {@code oci-archive:}.
     *
     * @throws dev.hoist.push.ImageSourceException when it cannot be read or its kind is not local
     */
    CopySource source(ImageSource source);

    /**
     * A local destination: {@code oci:}, {@code oci-archive:} or {@code docker-archive:}.
     *
     * @throws dev.hoist.push.ImageSourceException when it cannot be written or its kind is not local
     */
    CopyDestination destination(ImageDestination destination);
}
