package com.example.hoist.ecr;

import dev.hoist.spi.HoistException;

/** An ECR API call that failed: ECR unreachable, or its answer an error. The message says which and what to check. */
public class EcrApiException extends HoistException {

    public EcrApiException(String message) {
        super(message);
    }

    public EcrApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
