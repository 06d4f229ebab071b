package dev.hoist.testing;

import dev.hoist.docker.DockerEngine;
import dev.hoist.image.ImageArchive;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Fresh images in the local engine, made without a network. */
public final class TestImages {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestImages() {
    }

    /** A random hex tag, so that tests never collide. */
    public static String uniqueTag() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Loads an image of random content under {@code repository:tag}.
     *
     * @return the full image name
     */
    public static String load(DockerEngine engine, String repository, String tag, int payloadBytes) {
        String name = repository + ":" + tag;
        engine.loadImage(new ByteArrayInputStream(ImageArchive.randomImage(name, payloadBytes, RANDOM).bytes()));
        return name;
    }
}
