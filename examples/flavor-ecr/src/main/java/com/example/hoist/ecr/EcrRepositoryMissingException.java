package com.example.hoist.ecr;

import dev.hoist.spi.HoistException;

/** An image whose ECR repository does not exist, on a registry that does not create repositories. */
public class EcrRepositoryMissingException extends HoistException {

    private final String repository;

    public EcrRepositoryMissingException(String message, String repository) {
        super(message);
        this.repository = repository;
    }

    /** The missing repository, for example {@code team/app}. */
    public String repository() {
        return repository;
    }
}
