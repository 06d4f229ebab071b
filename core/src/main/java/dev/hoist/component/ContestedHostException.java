package dev.hoist.component;

import dev.hoist.push.Classified;
import dev.hoist.push.ErrorKind;
import dev.hoist.spi.HoistException;
import java.util.List;

/**
 * A reference's host that two or more flavors claim ({@link dev.hoist.spi.ContainerRegistryFlavor#hosts()}), when
 * no configured registry owns the reference: Hoist picks neither, so a jar on the class path never silently decides
 * where an image goes. The message names each flavor, the pattern it claims the host with, and its class and jar.
 */
public class ContestedHostException extends HoistException implements Classified {

    private final String host;
    private final List<String> flavors;

    /**
     * @param reference the reference as written
     * @param host its host
     * @param claims the claims that match the host, two or more flavors among them
     * @param registriesPath where a registry would be configured, such as {@code hoist.registries}
     */
    public ContestedHostException(String reference, String host, List<HostClaims.Claim> claims,
                                  String registriesPath) {
        super("Host '" + host + "' of '" + reference + "' is claimed by " + claims.stream()
                .map(HostClaims.Claim::flavor).distinct().count() + " flavors: " + String.join(", and ", claims.stream()
                .map(claim -> "'" + claim.flavor() + "' (pattern '" + claim.pattern() + "', " + claim.origin() + ")")
                .toList()) + ". Hoist uses none of them for it: remove one of the jars, or configure a registry whose"
                + " URI owns it in " + registriesPath + " (or name one with --registry).");
        this.host = host;
        this.flavors = claims.stream().map(HostClaims.Claim::flavor).distinct().toList();
    }

    /** {@return the contested host, as the reference wrote it} */
    public String host() {
        return host;
    }

    /** {@return the names of the flavors that claim it} */
    public List<String> flavors() {
        return flavors;
    }

    /** {@link ErrorKind#CONFIGURATION}: the CLI exits 2. */
    @Override
    public ErrorKind kind() {
        return ErrorKind.CONFIGURATION;
    }
}
