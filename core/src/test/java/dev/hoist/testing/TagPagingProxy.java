package dev.hoist.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of a real registry (plain HTTP) that pages tag lists the way registries
 * that cap them do, for tests of a client's tag listing. Every request is forwarded as it is (see
 * {@link LoopbackProxy}) except {@code GET /v2/<name>/tags/list[?…]}: that one fetches the whole list from the
 * upstream (passing the client's {@code Authorization} through, and following the upstream's own {@code Link}s, if
 * any), then answers one page of {@link #pageSize()} tags, {@code {"name":…,"tags":[…]}}, in the upstream's order,
 * with
 * <pre>Link: &lt;/v2/&lt;name&gt;/tags/list?n=&lt;pageSize&gt;&amp;next_page=&lt;token&gt;&gt;; rel="next"</pre>
 * while more remain. A non-200 answer of the upstream (a 401 with its challenge, say) is relayed as it is.
 *
 * <p>The token is opaque: random base64url, kept in a map, never {@code last=<tag>}. The client's own {@code n} and
 * {@code last} are ignored, so only a client that follows {@code Link} verbatim gets every tag; one that builds its
 * own {@code ?last=} URL gets the first page again. An unknown token, or one of another repository, is answered
 * 400.
 *
 * <p>A request without {@code next_page} starts a listing: a snapshot of the upstream's list. Within a listing each
 * page has one token, minted when a {@code Link} first points at it, so the same page always has the same URL.
 * Options: {@link #absoluteLinks(boolean)} (a {@code Link} of {@code http://127.0.0.1:<port>/v2/…} instead of a path),
 * and {@link #loop(int, int)} (page k's {@code Link} points back at an earlier page, for a client's loop guard).
 *
 * <p>{@link #log()} records every request, paged or forwarded, as {@code "METHOD target -> status"}.
 */
public final class TagPagingProxy extends LoopbackProxy {

    private static final Pattern TAGS_LIST = Pattern.compile("^/v2/(.+)/tags/list$");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One client's walk through a repository's tags: the snapshot, and the token of each page linked so far. */
    private record Listing(String name, List<String> tags, Map<Integer, String> tokens) {
    }

    /** Where a token points: a listing and the offset of the page's first tag. */
    private record Cursor(Listing listing, int offset) {
    }

    private final int pageSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private volatile boolean absoluteLinks;
    private volatile int loopFrom;
    private volatile int loopTo;

    /**
     * Starts a proxy on a free loopback port.
     *
     * @param upstream the registry's {@code host:port} (plain HTTP)
     * @param pageSize the most tags in one page, at least 1
     */
    public TagPagingProxy(String upstream, int pageSize) throws IOException {
        super(upstream, "tag-paging-proxy");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, not " + pageSize);
        }
        this.pageSize = pageSize;
        start();
    }

    /** The most tags in one page. */
    public int pageSize() {
        return pageSize;
    }

    /**
     * Whether {@code Link} holds an absolute URL ({@code http://127.0.0.1:<port>/v2/…}) rather than a path (the
     * default).
     *
     * @return this proxy
     */
    public TagPagingProxy absoluteLinks(boolean absolute) {
        this.absoluteLinks = absolute;
        return this;
    }

    /**
     * Loop mode: the {@code Link} of page {@code fromPage} (1-based) points back at page {@code toPage} of the same
     * listing, the very URL the client followed before (page 1 too gets a token, then), even when {@code fromPage}
     * is the last page. A client without a loop guard walks forever.
     *
     * @param fromPage the page whose {@code Link} loops, at least 1
     * @param toPage the page it points at, 1 to {@code fromPage}
     * @return this proxy
     */
    public TagPagingProxy loop(int fromPage, int toPage) {
        if (toPage < 1 || toPage > fromPage) {
            throw new IllegalArgumentException("loop from page " + fromPage + " back to page " + toPage
                    + ": the target must be 1.." + fromPage);
        }
        this.loopTo = toPage;
        this.loopFrom = fromPage;
        return this;
    }

    /** Ends loop mode: every {@code Link} points at the next page again. */
    public TagPagingProxy noLoop() {
        this.loopFrom = 0;
        this.loopTo = 0;
        return this;
    }

    /** How many tag-list pages this proxy answered itself (200s), over all listings. */
    public long pagesServed() {
        return count("GET", "/tags/list", 200);
    }

    @Override
    protected void handle(Socket client, HttpWire.Request request, InputStream in, OutputStream out)
            throws IOException {
        Matcher tags = TAGS_LIST.matcher(request.path());
        if (request.method().equals("GET") && tags.matches()) {
            respond(out, request, page(request, tags.group(1)));
            return;
        }
        byte[] answer = forward(request, in, out, Long.MAX_VALUE, 0);
        HttpWire.Answer parsed = HttpWire.Answer.parse(answer);
        respond(out, request, parsed == null ? answer : parsed.closing().bytes());
    }

    /** The answer to a tag-list GET: a page, the upstream's refusal, or a 400 for a bad token. */
    private byte[] page(HttpWire.Request request, String name) throws IOException {
        Optional<String> token = parameter(request.query(), "next_page");
        Cursor cursor;
        if (token.isPresent()) {
            cursor = cursors.get(token.get());
            if (cursor == null || !cursor.listing().name().equals(name)) {
                return error(400, "PAGINATION_NUMBER_INVALID", "unknown next_page token for " + name);
            }
        } else {
            Upstream fetched = fetchAll(name, request.header("Authorization"));
            if (fetched.refusal() != null) {
                return fetched.refusal();
            }
            cursor = new Cursor(new Listing(name, fetched.tags(), new ConcurrentHashMap<>()), 0);
        }
        Listing listing = cursor.listing();
        int from = Math.min(cursor.offset(), listing.tags().size());
        int to = Math.min(from + pageSize, listing.tags().size());
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ArrayNode array = body.putArray("tags");
        listing.tags().subList(from, to).forEach(array::add);
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/json; charset=utf-8",
                "Docker-Distribution-API-Version: registry/2.0"));
        int pageNumber = from / pageSize + 1;
        int next = -1;
        if (loopFrom > 0 && pageNumber == loopFrom) {
            next = (loopTo - 1) * pageSize;
        } else if (to < listing.tags().size()) {
            next = to;
        }
        if (next >= 0) {
            String nextToken = listing.tokens().computeIfAbsent(next, offset -> {
                String minted = newToken();
                cursors.put(minted, new Cursor(listing, offset));
                return minted;
            });
            String path = "/v2/" + name + "/tags/list?n=" + pageSize + "&next_page=" + nextToken;
            headers.add("Link: <" + (absoluteLinks ? "http://" + address() : "") + path + ">; rel=\"next\"");
        }
        return HttpWire.answer(200, "OK", headers, JSON.writeValueAsBytes(body));
    }

    /** The upstream's whole list, or its non-200 answer to relay. */
    private record Upstream(List<String> tags, byte[] refusal) {
    }

    private Upstream fetchAll(String name, Optional<String> authorization) throws IOException {
        List<String> all = new ArrayList<>();
        URI base = URI.create("http://" + upstream());
        URI next = base.resolve("/v2/" + name + "/tags/list");
        for (int pages = 0; next != null; pages++) {
            if (pages > 10_000) {
                throw new IOException("the upstream's tag list of " + name + " does not end");
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET();
            authorization.ifPresent(value -> builder.header("Authorization", value));
            HttpResponse<byte[]> response;
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted fetching the tags of " + name, e);
            }
            if (response.statusCode() != 200) {
                return new Upstream(List.of(), relay(response));
            }
            JsonNode tags = JSON.readTree(response.body()).path("tags");
            tags.forEach(tag -> all.add(tag.asText()));
            Optional<String> link = response.headers().firstValue("Link");
            Matcher matcher = link.map(NEXT_LINK::matcher).filter(Matcher::find).orElse(null);
            next = matcher == null ? null : next.resolve(matcher.group(1));
        }
        return new Upstream(List.copyOf(all), null);
    }

    /** The upstream's answer as it came: status, end-to-end headers, body. */
    private static byte[] relay(HttpResponse<byte[]> response) {
        List<String> headers = new ArrayList<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(":") && !List.of("connection", "keep-alive", "content-length", "transfer-encoding")
                    .contains(lower)) {
                values.forEach(value -> headers.add(name + ": " + value));
            }
        });
        return HttpWire.answer(response.statusCode(), "Upstream", headers, response.body());
    }

    private static byte[] error(int status, String code, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("errors").addObject().put("code", code).put("message", message);
        return HttpWire.answer(status, "Bad Request", List.of("Content-Type: application/json; charset=utf-8"),
                JSON.writeValueAsBytes(body));
    }

    private static Optional<String> parameter(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static String newToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
