package dev.hoist.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TagPagingProxy} in front of the real plain registry, read with the JDK client: 150 tags come back across
 * pages only by following {@code Link} verbatim, relative or absolute; the loop mode loops; the token is opaque;
 * everything else is forwarded; the client's {@code Authorization} reaches an auth registry.
 */
class TagPagingProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("^<([^>]+)>; rel=\"next\"$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int TAGS = 150;

    @TempDir
    static Path scratch;
    static String repository;
    static List<String> upstreamTags;

    TagPagingProxy proxy;

    /** One image under 150 tags t000..t149: skopeo pushes the first, the others are PUTs of its manifest. */
    @BeforeAll
    static void tags() throws Exception {
        TestServices.requireRegistry();
        RegistryApiServices.requireSkopeo();
        repository = "hoist-it/tag-paging-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(TestServices.registry(), repository, "t000", false, scratch);
        RegistryFixtures.Manifest manifest =
                RegistryFixtures.manifest(TestServices.registry(), repository, "t000", Optional.empty());
        for (int i = 1; i < TAGS; i++) {
            RegistryFixtures.tag(TestServices.registry(), repository, String.format("t%03d", i), manifest,
                    Optional.empty());
        }
        upstreamTags = tagsOf(get("http://" + TestServices.registry() + "/v2/" + repository + "/tags/list",
                Optional.empty()));
        assertThat(upstreamTags).hasSize(TAGS);
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new TagPagingProxy(TestServices.registry(), 40);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
    }

    @Test
    void followingLinkVerbatimGetsEveryTagInTheUpstreamsOrder() throws Exception {
        List<HttpResponse<String>> pages = walk("http://" + proxy.address() + "/v2/" + repository + "/tags/list", 20);

        assertThat(pages).hasSize(4);
        List<String> seen = new ArrayList<>();
        for (HttpResponse<String> page : pages) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(page.body()).path("name").asText()).isEqualTo(repository);
            seen.addAll(tagsOf(page));
        }
        assertThat(seen).containsExactlyElementsOf(upstreamTags);
        assertThat(tagsOf(pages.get(0))).hasSize(40);
        assertThat(tagsOf(pages.get(3))).hasSize(30);
        assertThat(pages.get(3).headers().firstValue("Link")).isEmpty();
        for (HttpResponse<String> page : pages.subList(0, 3)) {
            String link = page.headers().firstValue("Link").orElseThrow();
            assertThat(link).startsWith("</v2/" + repository + "/tags/list?n=40&next_page=").doesNotContain("last=");
            String token = link.substring(link.indexOf("next_page=") + "next_page=".length(), link.indexOf('>'));
            assertThat(token).matches("[A-Za-z0-9_-]{16,}");
            assertThat(upstreamTags).noneMatch(token::contains);
        }
        assertThat(proxy.pagesServed()).isEqualTo(4);
        assertThat(proxy.log()).hasSize(4).allMatch(line -> line.startsWith("GET /v2/" + repository + "/tags/list")
                && line.endsWith(" -> 200"));
    }

    @Test
    void aClientThatBuildsItsOwnLastUrlGetsTheFirstPageAgain() throws Exception {
        HttpResponse<String> first = get("http://" + proxy.address() + "/v2/" + repository + "/tags/list?n=40",
                Optional.empty());
        String last = tagsOf(first).get(39);
        HttpResponse<String> guessed = get("http://" + proxy.address() + "/v2/" + repository + "/tags/list?n=40&last="
                + last, Optional.empty());

        assertThat(tagsOf(guessed)).isEqualTo(tagsOf(first)).isEqualTo(upstreamTags.subList(0, 40));
    }

    @Test
    void absoluteLinksPointAtTheProxyAndStillGetEveryTag() throws Exception {
        proxy.absoluteLinks(true);

        List<HttpResponse<String>> pages = walk("http://" + proxy.address() + "/v2/" + repository + "/tags/list", 20);

        assertThat(pages.get(0).headers().firstValue("Link").orElseThrow())
                .startsWith("<http://" + proxy.address() + "/v2/" + repository + "/tags/list?n=40&next_page=");
        assertThat(pages.stream().flatMap(p -> tagsOf(p).stream()).toList()).containsExactlyElementsOf(upstreamTags);
    }

    @Test
    void loopModePointsPageThreeBackAtPageTwo() throws Exception {
        proxy.loop(3, 2);

        List<HttpResponse<String>> pages = walk("http://" + proxy.address() + "/v2/" + repository + "/tags/list", 7);

        assertThat(pages).hasSize(7); // never ends by itself
        String toPage2 = pages.get(0).headers().firstValue("Link").orElseThrow();
        assertThat(pages.get(2).headers().firstValue("Link")).contains(toPage2);
        assertThat(tagsOf(pages.get(3))).isEqualTo(tagsOf(pages.get(1))).isEqualTo(upstreamTags.subList(40, 80));
        assertThat(pages.stream().flatMap(p -> tagsOf(p).stream()).toList())
                .doesNotContainAnyElementsOf(upstreamTags.subList(120, 150));
        // A guard that remembers the URLs it followed sees the repeat on the third Link.
        Set<String> followed = new HashSet<>();
        int repeatAt = -1;
        for (int i = 0; i < pages.size() && repeatAt < 0; i++) {
            if (!followed.add(pages.get(i).headers().firstValue("Link").orElseThrow())) {
                repeatAt = i;
            }
        }
        assertThat(repeatAt).isEqualTo(2);
    }

    @Test
    void loopModeOnTheLastPageLinksBackToTheFirst() throws Exception {
        proxy.loop(4, 1);

        List<HttpResponse<String>> pages = walk("http://" + proxy.address() + "/v2/" + repository + "/tags/list", 5);

        assertThat(pages).hasSize(5);
        assertThat(pages.get(3).headers().firstValue("Link")).isPresent();
        assertThat(tagsOf(pages.get(4))).isEqualTo(upstreamTags.subList(0, 40));
    }

    @Test
    void anUnknownTokenIsABadRequest() throws Exception {
        HttpResponse<String> answer = get("http://" + proxy.address() + "/v2/" + repository
                + "/tags/list?n=40&next_page=bm90LWEtdG9rZW4", Optional.empty());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("next_page");
    }

    @Test
    void everythingElseIsForwarded() throws Exception {
        RegistryFixtures.Manifest direct =
                RegistryFixtures.manifest(TestServices.registry(), repository, "t007", Optional.empty());
        RegistryFixtures.Manifest proxied =
                RegistryFixtures.manifest(proxy.address(), repository, "t007", Optional.empty());
        HttpResponse<String> ping = get("http://" + proxy.address() + "/v2/", Optional.empty());

        assertThat(proxied.bytes()).isEqualTo(direct.bytes());
        assertThat(proxied.digest()).isEqualTo(direct.digest());
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(proxy.log()).containsExactly("GET /v2/" + repository + "/manifests/t007 -> 200", "GET /v2/ -> 200");
    }

    @Test
    void theClientsAuthorizationReachesTheUpstream() throws Exception {
        TestServices.requireAuthRegistries();
        String registry = TestServices.authRegistry();
        Optional<String> basic = Optional.of(BlobStoreServer.basic(TestServices.registryUser(),
                TestServices.registryPassword()));
        String repo = "hoist-it/tag-paging-auth-" + TestImages.uniqueTag();
        RegistryFixtures.pushImage(registry, repo, "a", true, scratch);
        RegistryFixtures.Manifest manifest = RegistryFixtures.manifest(registry, repo, "a", basic);
        RegistryFixtures.tag(registry, repo, "b", manifest, basic);
        RegistryFixtures.tag(registry, repo, "c", manifest, basic);
        try (TagPagingProxy auth = new TagPagingProxy(registry, 2)) {
            String url = "http://" + auth.address() + "/v2/" + repo + "/tags/list";

            HttpResponse<String> anonymous = get(url, Optional.empty());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));

            List<String> direct = tagsOf(get("http://" + registry + "/v2/" + repo + "/tags/list", basic));
            assertThat(direct).containsExactlyInAnyOrder("a", "b", "c");
            HttpResponse<String> first = get(url, basic);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(tagsOf(first)).isEqualTo(direct.subList(0, 2));
            String next = linkOf(first).orElseThrow();
            assertThat(tagsOf(get("http://" + auth.address() + next, basic))).isEqualTo(direct.subList(2, 3));
        }
    }

    /** Follows {@code Link} verbatim from {@code url}, at most {@code limit} requests. */
    private static List<HttpResponse<String>> walk(String url, int limit) throws Exception {
        List<HttpResponse<String>> pages = new ArrayList<>();
        URI next = URI.create(url);
        while (next != null && pages.size() < limit) {
            HttpResponse<String> page = get(next.toString(), Optional.empty());
            assertThat(page.statusCode()).as("GET %s", next).isEqualTo(200);
            pages.add(page);
            Optional<String> link = linkOf(page);
            next = link.isPresent() ? next.resolve(link.get()) : null;
        }
        return pages;
    }

    private static Optional<String> linkOf(HttpResponse<String> page) {
        return page.headers().firstValue("Link").map(link -> {
            Matcher matcher = LINK.matcher(link);
            assertThat(matcher.matches()).as("Link %s", link).isTrue();
            return matcher.group(1);
        });
    }

    private static HttpResponse<String> get(String url, Optional<String> authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> tagsOf(HttpResponse<String> page) {
        try {
            List<String> tags = new ArrayList<>();
            JsonNode node = JSON.readTree(page.body()).path("tags");
            node.forEach(tag -> tags.add(tag.asText()));
            return tags;
        } catch (java.io.IOException e) {
            throw new AssertionError("Not JSON: " + page.body(), e);
        }
    }
}
