package dev.strangler.proxy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** A monolith and an extracted service that answer every request with {@code {}}: the proxy's backends in drills. */
final class Backends implements AutoCloseable {

    final WireMockServer legacy = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final WireMockServer extracted = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    Backends start() {
        for (WireMockServer server : new WireMockServer[] {legacy, extracted}) {
            server.start();
            server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.okJson("{}")));
        }
        return this;
    }

    String legacyUrl() {
        return "http://127.0.0.1:" + legacy.port();
    }

    String extractedUrl() {
        return "http://127.0.0.1:" + extracted.port();
    }

    @Override
    public void close() {
        legacy.stop();
        extracted.stop();
    }
}
