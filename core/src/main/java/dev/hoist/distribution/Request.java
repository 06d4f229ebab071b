package dev.hoist.distribution;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.HttpEntity;

/**
 * One request to a registry, as an endpoint class builds it for {@link RegistryHttp#send}.
 *
 * @param method {@code GET}, {@code HEAD}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param uri the full URI, from {@link RegistryHttp#api} or an upload session's {@code Location}
 * @param scopes the token scopes the request needs, such as {@code repository:team/app:pull,push}
 * @param body the body, or {@code null}
 * @param headers extra headers, such as {@code Accept}
 * @param repeatable whether the request may be sent again after a transient failure (a retried status, a reset or
 *        silent connection). A request that moves an upload session on ({@code PATCH}, the closing {@code PUT}) or
 *        cancels one is not: its caller retries the whole blob in a new session, or gives up
 */
record Request(String method, URI uri, List<String> scopes, HttpEntity body, Map<String, String> headers,
               boolean repeatable) {

    Request {
        scopes = List.copyOf(scopes);
        headers = Map.copyOf(headers);
    }

    /** A request without body or extra headers that may be repeated. */
    static Request of(String method, URI uri, List<String> scopes) {
        return new Request(method, uri, scopes, null, Map.of(), true);
    }

    Request body(HttpEntity entity) {
        return new Request(method, uri, scopes, entity, headers, repeatable);
    }

    Request header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Request(method, uri, scopes, body, more, repeatable);
    }

    /** The same request, never repeated. */
    Request once() {
        return new Request(method, uri, scopes, body, headers, false);
    }

    /** {@code METHOD uri}, the URI without its query (which may carry upload state). */
    String describe() {
        return method + " " + RegistryHttp.redact(uri);
    }
}
