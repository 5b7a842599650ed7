package dev.strangler.customers;

import dev.strangler.lab.junit.HttpApi;

/** The HTTP client of this module's tests: lab-infra's, under the name the contract uses. */
public final class Api extends HttpApi {

    public Api(String baseUrl) {
        super(baseUrl);
    }
}
