package com.example.hoist.ecr;

import java.net.URI;

/**
 * A private ECR registry, as its host names it: {@code <accountId>.dkr.ecr.<region>.amazonaws.com},
 * with {@code .cn} appended in the China regions.
 *
 * @param accountId the 12-digit AWS account that owns the registry
 * @param region for example {@code eu-west-1}
 * @param china whether the region is in the AWS China partition
 */
record EcrRegistryHost(String accountId, String region, boolean china) {

    /** The registry host, which is also an ecr registry URI's normal form. */
    String host() {
        return accountId + ".dkr.ecr." + region + "." + domain();
    }

    /** The region's public ECR API endpoint. */
    URI apiEndpoint() {
        return URI.create("https://api.ecr." + region + "." + domain() + "/");
    }

    private String domain() {
        return china ? "amazonaws.com.cn" : "amazonaws.com";
    }

    @Override
    public String toString() {
        return host();
    }
}
