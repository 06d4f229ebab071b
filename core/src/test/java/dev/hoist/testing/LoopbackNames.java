package dev.hoist.testing;

import dev.hoist.distribution.Network;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.NamedEndpoint;

/**
 * A {@link Network} that resolves some registry names to 127.0.0.1 (a registry's public name, such as
 * {@code registry-1.docker.io}, to a test registry on loopback), sends their URIs without a port to a given port, and
 * records every name it is asked for. Tests send traffic to loopback only.
 */
public final class LoopbackNames {

    private LoopbackNames() {
    }

    /**
     * @param names the host names that resolve to 127.0.0.1; others resolve as usual
     * @param port the port those names get when a URI gives none (443 and 80 otherwise)
     * @param asked where every name looked up is added
     */
    public static Network network(Predicate<String> names, IntSupplier port, Set<String> asked) {
        DnsResolver dns = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                asked.add(host);
                return names.test(host) ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                        : InetAddress.getAllByName(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        SchemePortResolver ports = new SchemePortResolver() {
            @Override
            public int resolve(HttpHost host) {
                return resolve(host.getSchemeName(), host);
            }

            @Override
            public int resolve(String scheme, NamedEndpoint endpoint) {
                return names.test(endpoint.getHostName()) && endpoint.getPort() < 0 ? port.getAsInt()
                        : DefaultSchemePortResolver.INSTANCE.resolve(scheme, endpoint);
            }
        };
        return new Network(dns, ports);
    }
}
