package com.example.hoist.ecr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for one service in one region: the canonical request, the string to
 * sign, the derived signing key and the {@code Authorization} header. Every header the request
 * carries is signed, so it must be sent exactly as given, {@code host} included.
 */
final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String region;
    private final String service;

    SigV4Signer(String region, String service) {
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * What SigV4 covers of one request.
     *
     * @param method for example {@code POST}
     * @param canonicalPath the URI-encoded path, {@code /} for the root
     * @param canonicalQuery the URI-encoded query with parameters sorted by name; empty for none
     * @param headers the headers to send and sign, {@code host} included; names in any case
     * @param body the exact bytes of the body
     */
    record Request(String method, String canonicalPath, String canonicalQuery, Map<String, String> headers, byte[] body) {
    }

    /**
     * A signed request's intermediate texts, which AWS's own examples publish, and the headers to add.
     *
     * @param headers {@code x-amz-date}, {@code x-amz-security-token} for temporary credentials, and {@code authorization}
     */
    record Signature(String canonicalRequest, String stringToSign, Map<String, String> headers) {
    }

    /** Signs {@code request} as of {@code time}. */
    Signature sign(Request request, AwsCredentials credentials, Instant time) {
        String amzDate = AMZ_DATE.format(time);
        String date = amzDate.substring(0, 8);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("x-amz-date", amzDate);
        credentials.sessionToken().ifPresent(token -> added.put("x-amz-security-token", token.reveal()));

        SortedMap<String, String> signedHeaders = new TreeMap<>();
        request.headers().forEach((name, value) -> signedHeaders.put(name.toLowerCase(Locale.ROOT), canonicalValue(value)));
        added.forEach(signedHeaders::put);
        String signedHeaderNames = String.join(";", signedHeaders.keySet());

        StringBuilder canonical = new StringBuilder()
                .append(request.method()).append('\n')
                .append(request.canonicalPath()).append('\n')
                .append(request.canonicalQuery()).append('\n');
        signedHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(signedHeaderNames).append('\n').append(HEX.formatHex(sha256(request.body())));
        String canonicalRequest = canonical.toString();

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        String signature = HEX.formatHex(hmac(signingKey(credentials.secretAccessKey(), date), stringToSign));

        added.put("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaderNames + ", Signature=" + signature);
        return new Signature(canonicalRequest, stringToSign, added);
    }

    /** The key for one day, region and service, derived from the secret key by a chain of HMACs. */
    byte[] signingKey(SecretText secretAccessKey, String date) {
        byte[] dateKey = hmac(("AWS4" + secretAccessKey.reveal()).getBytes(StandardCharsets.UTF_8), date);
        byte[] regionKey = hmac(dateKey, region);
        byte[] serviceKey = hmac(regionKey, service);
        return hmac(serviceKey, "aws4_request");
    }

    /** Trims the value and collapses runs of spaces, as SigV4 canonicalises header values. */
    private static String canonicalValue(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            // Every Java platform must provide HmacSHA256.
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
