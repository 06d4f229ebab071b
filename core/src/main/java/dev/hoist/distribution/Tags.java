package dev.hoist.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.push.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag listing endpoint of the OCI distribution spec ("Listing tags"): {@code GET /v2/<name>/tags/list?n=<page>},
 * then each {@code Link: <…>; rel="next"} followed verbatim until an answer has none. Registries page differently
 * (distribution 2.8 ignores {@code n}; Docker Hub and ACR page by {@code last=}; Quay by an opaque
 * {@code next_page=}), so the next page is always what the registry's {@code Link} says, never a URL built here.
 */
public final class Tags {

    /** Tags asked for per page. */
    public static final int PAGE = 1000;

    /** A listing stops after this many pages: a registry that never ends its {@code Link}s is refused. */
    static final int MAX_PAGES = 100_000;

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?", Pattern.CASE_INSENSITIVE);

    private final RegistryHttp http;

    public Tags(RegistryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Every tag of {@code repository}, in the registry's order, across every page.
     *
     * @param pageSize the {@code n} asked for per page (the registry may answer fewer or ignore it)
     * @return the tags; empty when the repository has none
     * @throws RegistryException {@code NOT_FOUND} when there is no such repository; {@code UNEXPECTED_ANSWER} when
     *         a {@code Link} leads back to a page already read (a loop), to another host, or when an answer is not a
     *         tag list
     */
    public List<String> list(String repository, int pageSize) {
        URI page = http.api(repository + "/tags/list?n=" + pageSize);
        Set<URI> seen = new HashSet<>();
        List<String> tags = new ArrayList<>();
        while (page != null) {
            if (!seen.add(page) || seen.size() > MAX_PAGES) {
                throw RegistryException.unexpected("The registry " + http.host() + " listed the tags of " + repository
                        + " in a loop: its Link header led back to a page already read (" + RegistryHttp.redact(page)
                        + ") after " + tags.size() + " tags; Hoist stopped.", 0, List.of());
            }
            Response answer = http.send(Request.of("GET", page, Manifests.pullScope(repository)));
            if (answer.status() == 404) {
                throw RegistryException.notFound("The registry " + http.host() + " has no repository " + repository
                        + " (" + answer.describe() + ").", answer.status(), answer.errors().codes());
            }
            if (answer.status() != 200) {
                throw http.unexpected("GET", repository + " tag list", answer);
            }
            tags.addAll(parse(repository, answer));
            page = next(answer, page);
        }
        return tags;
    }

    private List<String> parse(String repository, Response answer) {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            list = null;
        }
        if (list == null || !list.isObject()) {
            throw RegistryException.unexpected("The registry " + http.host() + " answered the tag list of "
                    + repository + " with something other than a JSON object.", answer.status(), List.of());
        }
        JsonNode tags = list.path("tags");
        List<String> found = new ArrayList<>();
        if (tags.isNull() || tags.isMissingNode()) {
            return found; // distribution answers "tags": null for a repository without tags
        }
        if (!tags.isArray()) {
            throw RegistryException.unexpected("The registry " + http.host() + " answered the tag list of "
                    + repository + " with \"tags\" that is not an array.", answer.status(), List.of());
        }
        tags.forEach(tag -> found.add(tag.asText()));
        return found;
    }

    /** The page the answer's {@code Link rel="next"} names, resolved against the request; null when none. */
    private URI next(Response answer, URI at) {
        for (String link : answer.headers("Link")) {
            Matcher matcher = NEXT.matcher(link);
            if (matcher.find()) {
                URI next;
                try {
                    next = at.resolve(new URI(matcher.group(1).strip()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw RegistryException.unexpected("The registry " + http.host() + " sent an unreadable Link"
                            + " header with its tag list.", answer.status(), List.of());
                }
                if (!http.onRegistry(next)) {
                    throw RegistryException.unexpected("The registry " + http.host() + " linked its next page of tags"
                            + " to another host or scheme (" + RegistryHttp.redact(next) + "); Hoist does not follow"
                            + " a registry elsewhere with its credentials.", answer.status(), List.of());
                }
                return next;
            }
        }
        return null;
    }
}
