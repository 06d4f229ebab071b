package com.example.hoist.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Against the values AWS publishes: the signing walkthrough (IAM ListUsers) and the Signature
 * Version 4 test suite (get-vanilla, post-vanilla), all with the documentation's example key.
 */
class SigV4SignerTest {

    private static final AwsCredentials EXAMPLE_KEY = new AwsCredentials("AKIDEXAMPLE",
            SecretText.of("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), Optional.empty());
    private static final Instant EXAMPLE_TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void derivesTheDocumentedSigningKey() {
        byte[] key = new SigV4Signer("us-east-1", "iam").signingKey(EXAMPLE_KEY.secretAccessKey(), "20150830");

        assertThat(HexFormat.of().formatHex(key)).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void signsTheIamListUsersWalkthrough() {
        SigV4Signer.Request request = new SigV4Signer.Request("GET", "/", "Action=ListUsers&Version=2010-05-08",
                Map.of("Host", "iam.amazonaws.com", "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new byte[0]);

        SigV4Signer.Signature signed = new SigV4Signer("us-east-1", "iam").sign(request, EXAMPLE_KEY, EXAMPLE_TIME);

        assertThat(signed.canonicalRequest()).isEqualTo("GET\n/\nAction=ListUsers&Version=2010-05-08\n"
                + "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n" + EMPTY_BODY_SHA256);
        assertThat(signed.stringToSign()).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(signed.headers()).containsEntry("x-amz-date", "20150830T123600Z").containsEntry("authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                        + " SignedHeaders=content-type;host;x-amz-date,"
                        + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void signsTheTestSuitesGetVanilla() {
        SigV4Signer.Signature signed = new SigV4Signer("us-east-1", "service").sign(
                new SigV4Signer.Request("GET", "/", "", Map.of("host", "example.amazonaws.com"), new byte[0]),
                EXAMPLE_KEY, EXAMPLE_TIME);

        assertThat(signed.headers().get("authorization")).endsWith(
                "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void signsTheTestSuitesPostVanilla() {
        SigV4Signer.Signature signed = new SigV4Signer("us-east-1", "service").sign(
                new SigV4Signer.Request("POST", "/", "", Map.of("host", "example.amazonaws.com"), new byte[0]),
                EXAMPLE_KEY, EXAMPLE_TIME);

        assertThat(signed.canonicalRequest()).isEqualTo("POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\n" + EMPTY_BODY_SHA256);
        assertThat(signed.stringToSign()).endsWith("\n553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87");
        assertThat(signed.headers().get("authorization")).isEqualTo(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                        + " SignedHeaders=host;x-amz-date,"
                        + " Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        AwsCredentials temporary = new AwsCredentials("AKIDEXAMPLE", EXAMPLE_KEY.secretAccessKey(),
                Optional.of(SecretText.of("session-token-value")));

        SigV4Signer.Signature signed = new SigV4Signer("us-east-1", "service").sign(
                new SigV4Signer.Request("POST", "/", "", Map.of("host", "example.amazonaws.com"), new byte[0]),
                temporary, EXAMPLE_TIME);

        assertThat(signed.headers()).containsEntry("x-amz-security-token", "session-token-value");
        assertThat(signed.canonicalRequest()).contains("x-amz-security-token:session-token-value\n");
        assertThat(signed.headers().get("authorization")).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
    }

    @Test
    void headerValuesAreTrimmedAndTheirSpacesCollapsed() {
        SigV4Signer.Signature signed = new SigV4Signer("us-east-1", "service").sign(
                new SigV4Signer.Request("POST", "/", "", Map.of("host", "example.amazonaws.com", "My-Header1", "  a   b  c "),
                        new byte[0]), EXAMPLE_KEY, EXAMPLE_TIME);

        assertThat(signed.canonicalRequest()).contains("\nmy-header1:a b c\n");
    }

    @Test
    void secretsPrintMasked() {
        AwsCredentials temporary = new AwsCredentials("AKIDEXAMPLE", EXAMPLE_KEY.secretAccessKey(),
                Optional.of(SecretText.of("session-token-value")));

        assertThat(temporary.toString()).contains("AKIDEXAMPLE", "****")
                .doesNotContain("wJalrXUtnFEMI", "session-token-value");
        assertThat(temporary.redact("token session-token-value, key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("token ****, key ****");
    }
}
