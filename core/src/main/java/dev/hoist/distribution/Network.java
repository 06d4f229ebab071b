package dev.hoist.distribution;

import java.util.Objects;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;

/**
 * How registry host names become addresses: the system resolver and the schemes' default ports, unless an embedding
 * host or a test maps names elsewhere (for example {@code registry-1.docker.io} to a registry on loopback).
 *
 * @param resolver turns host names into addresses
 * @param ports gives the port of a URI without one ({@code https} 443, {@code http} 80 by default)
 */
public record Network(DnsResolver resolver, SchemePortResolver ports) {

    /** The system's resolver and the default ports. */
    public static final Network SYSTEM = new Network(SystemDefaultDnsResolver.INSTANCE,
            DefaultSchemePortResolver.INSTANCE);

    public Network {
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(ports, "ports");
    }
}
