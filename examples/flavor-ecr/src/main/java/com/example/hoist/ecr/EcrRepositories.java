package com.example.hoist.ecr;

/** The repositories of one ECR registry: what the flavor needs of the ECR API, and no more. */
interface EcrRepositories {

    /**
     * Whether the repository exists.
     *
     * @param repository the name below the registry host, for example {@code team/app}
     * @throws EcrApiException if ECR cannot be asked or refuses to answer
     */
    boolean exists(String repository);

    /**
     * Creates the repository with ECR's default settings. One that exists already is left alone.
     *
     * @throws EcrApiException if ECR cannot be asked or refuses
     */
    void create(String repository);
}
