package com.example.hoist.ecr;

import dev.hoist.spi.HoistException;

/** A registry whose settings leave the AWS credentials for the ECR API empty. */
public class AwsCredentialsMissingException extends HoistException {

    public AwsCredentialsMissingException(String message) {
        super(message);
    }
}
