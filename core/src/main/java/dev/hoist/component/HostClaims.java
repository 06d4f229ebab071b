package dev.hoist.component;

import dev.hoist.api.HostPattern;
import dev.hoist.spi.ContainerRegistryFlavor;
import dev.hoist.spi.HoistException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry flavors and the hosts each claims ({@link ContainerRegistryFlavor#hosts()}): which flavor builds the
 * implicit registry of a reference's host. A flavor whose {@code hosts()} fails, or returns a pattern that is not one,
 * claims none of it: each is a {@linkplain #problems() problem}, logged once as a warning, and the other flavors'
 * claims stand.
 */
public final class HostClaims {

    private static final Logger LOG = LoggerFactory.getLogger(HostClaims.class);

    /**
     * A usable registry flavor, with where it came from.
     *
     * @param name its name
     * @param flavor the flavor to call (guarded by discovery, or a host's binding)
     * @param origin where it came from, for messages: its class and jar
     */
    public record Candidate(String name, ContainerRegistryFlavor flavor, String origin) {

        /** Checks that no part is {@code null}. */
        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(flavor, "flavor");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * One pattern one flavor claims.
     *
     * @param flavor the flavor's name
     * @param pattern the host pattern
     * @param origin the flavor's class and jar
     */
    public record Claim(String flavor, HostPattern pattern, String origin) {
    }

    private final Map<String, Candidate> flavors = new LinkedHashMap<>();
    private final List<Claim> claims = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private HostClaims(List<Candidate> candidates) {
        for (Candidate candidate : candidates) {
            flavors.put(candidate.name(), candidate);
            List<String> patterns;
            try {
                patterns = candidate.flavor().hosts();
            } catch (HoistException failed) {
                // A discovered flavor is guarded: the message names it, its class and its jar.
                problems.add(failed.getMessage() + " Its hosts are not claimed.");
                continue;
            } catch (RuntimeException failed) {
                // A flavor a host bound itself is not guarded.
                problems.add("Flavor '" + candidate.name() + "' (" + candidate.origin() + ") failed in hosts(): "
                        + failed + ". Its hosts are not claimed.");
                continue;
            }
            if (patterns == null) {
                problems.add("Flavor '" + candidate.name() + "' (" + candidate.origin() + ") returned null from"
                        + " hosts(). Its hosts are not claimed.");
                continue;
            }
            for (String text : patterns) {
                try {
                    claims.add(new Claim(candidate.name(), HostPattern.parse(text), candidate.origin()));
                } catch (IllegalArgumentException | NullPointerException invalid) {
                    problems.add("Flavor '" + candidate.name() + "' (" + candidate.origin() + ") claims an invalid"
                            + " host: " + invalid.getMessage() + ". That claim is ignored; fix the flavor's hosts().");
                }
            }
        }
        problems.forEach(problem -> LOG.warn("{}", problem));
    }

    /**
     * Reads every candidate's claims, once.
     *
     * @param candidates the usable registry flavors
     * @return the claims
     */
    public static HostClaims of(List<Candidate> candidates) {
        return new HostClaims(List.copyOf(candidates));
    }

    /** {@return no flavor and no claim} */
    public static HostClaims none() {
        return new HostClaims(List.of());
    }

    /**
     * The claims that match a host.
     *
     * @param host a reference's host with its port, in any case; Docker Hub's names count as {@code docker.io}
     * @return every matching claim, in the order the flavors were given
     */
    public List<Claim> claiming(String host) {
        return claims.stream().filter(claim -> claim.pattern().matches(host)).toList();
    }

    /**
     * A usable flavor by name.
     *
     * @param name the flavor's name
     * @return the flavor, or empty
     */
    public Optional<Candidate> flavor(String name) {
        return Optional.ofNullable(flavors.get(name));
    }

    /** {@return every valid claim, flavor by flavor} */
    public List<Claim> all() {
        return List.copyOf(claims);
    }

    /** {@return a sentence per flavor whose claims could not be read, and per invalid pattern} */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
