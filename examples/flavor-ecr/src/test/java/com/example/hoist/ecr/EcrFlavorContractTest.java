package com.example.hoist.ecr;

import dev.hoist.testkit.FlavorContractTest;
import dev.hoist.testkit.UriRuleTable;

/**
 * The contract every flavor passes (hoist-testing): discovered once as "ecr", a reference.conf
 * section, a description, and ECR's URI rules as a table. Each valid URI normalises to its row's
 * form and that form to itself; each refused URI names the rule broken and offers exactly the
 * row's hint, which ecr accepts as it is.
 */
class EcrFlavorContractTest extends FlavorContractTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

    EcrFlavorContractTest() {
        super(EcrFlavor.NAME, EcrFlavor.class, UriRuleTable.create()
                .valid(HOST, HOST)
                .valid(HOST + "/", HOST)
                .valid("123456789012.DKR.ECR.EU-WEST-1.AmazonAWS.com", HOST)
                .valid("123456789012.dkr.ecr.us-east-1.amazonaws.com", "123456789012.dkr.ecr.us-east-1.amazonaws.com")
                .valid("123456789012.dkr.ecr.ap-southeast-2.amazonaws.com", "123456789012.dkr.ecr.ap-southeast-2.amazonaws.com")
                .valid("123456789012.dkr.ecr.eu-central-1.amazonaws.com", "123456789012.dkr.ecr.eu-central-1.amazonaws.com")
                .valid("123456789012.dkr.ecr.us-gov-west-1.amazonaws.com", "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com")
                .valid("012345678901.dkr.ecr.il-central-1.amazonaws.com", "012345678901.dkr.ecr.il-central-1.amazonaws.com")
                .valid("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn")
                .valid("123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/", "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn")
                // uri, hint (null: none), fragments of the reason
                .refused("12345.dkr.ecr.eu-west-1.amazonaws.com", null, "account id '12345'", "exactly 12 digits")
                .refused("12345678901.dkr.ecr.eu-west-1.amazonaws.com", "012345678901.dkr.ecr.eu-west-1.amazonaws.com",
                        "account id '12345678901'", "lost its leading zero")
                .refused("1234567890123.dkr.ecr.eu-west-1.amazonaws.com", null, "exactly 12 digits")
                .refused("1234-5678-9012.dkr.ecr.eu-west-1.amazonaws.com", HOST, "without hyphens")
                .refused("my-account.dkr.ecr.eu-west-1.amazonaws.com", null, "account id 'my-account'")
                .refused(HOST + "/team/app", HOST, "has path 'team/app'", "push '" + HOST + "/team/app:<tag>' through registry")
                .refused(HOST + "/team", HOST, "has path 'team'")
                .refused("https://" + HOST, HOST, "has a scheme ('https://')")
                .refused("https://" + HOST + "/team/app", HOST, "has a scheme")
                .refused(HOST + ":443", HOST, "has port 443", "carries no port")
                .refused(HOST + "/team/app:1.0", HOST, "carries a tag")
                .refused(HOST + "/app@sha256:" + "0".repeat(64), HOST, "carries a digest")
                .refused("public.ecr.aws/my-alias", null, "Amazon ECR Public ('public.ecr.aws')", "does not support")
                .refused("ecr.aws/my-alias/app", null, "Amazon ECR Public")
                .refused("team/app", null, "names no host", "'" + HOST + "'")
                .refused("123456789012.dkr.ecr.euwest1.amazonaws.com", null, "region 'euwest1'", "not an AWS region")
                .refused("123456789012.dkr.ecr.eu-west1.amazonaws.com", HOST, "region 'eu-west1'")
                .refused("123456789012.dkr.ecr.eu-west-1a.amazonaws.com", HOST, "'eu-west-1a'", "availability zone", "'eu-west-1'")
                .refused("123456789012.dkr.ecr.cn-north-1.amazonaws.com", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
                        "the China regions serve ECR under 'amazonaws.com.cn'")
                .refused(HOST + ".cn", HOST, "only the China regions use 'amazonaws.com.cn'")
                .refused("api.ecr.eu-west-1.amazonaws.com", null, "the ECR API endpoint, not a registry")
                .refused("dkr.ecr.eu-west-1.amazonaws.com", null, "names no account id")
                .refused("registry.example.com", null, "'registry.example.com', which is not an ECR registry host")
                .refused("localhost:5000", null, "not an ECR registry host")
                .refused("123456789012.dkr.ecr.eu-west-1.amazonaws.org", null, "not an ECR registry host")
                // Several fixes at once: the hint applies them all.
                .refused("https://12345678901.dkr.ecr.eu-west1.amazonaws.com:443/team/app",
                        "012345678901.dkr.ecr.eu-west-1.amazonaws.com", "has a scheme")
                .refused(" " + HOST, HOST, "contains whitespace")
                .refused("", null, "is empty"));
    }
}
