package dev.strangler.playbook.playbook.internal;

import dev.strangler.playbook.playbook.StepContext;
import dev.strangler.playbook.traffic.TrafficRun;
import dev.strangler.playbook.traffic.TrafficSettings;
import java.net.URI;
import java.time.Duration;

/**
 * The playbook's own load while a step observes: reads on the extraction's read routes at the given rate
 * ({@link ReadTraffic}), plus the shop's realistic mix at half that rate (browse, sign up, checkout, pay, capture,
 * refund: {@link TrafficRun}). The reads compare quickly; the mix is what puts writes through the proxy, so that a
 * shadow step can compare a write route's dry runs and a canary judges the service on writes as well as reads.
 */
public final class ShopTraffic implements StepContext.Traffic {

    private final String proxy;
    private final ReadTraffic reads;

    public ShopTraffic(String proxyBaseUrl, ReadTraffic reads) {
        this.proxy = proxyBaseUrl;
        this.reads = reads;
    }

    @Override
    public Running start(int rps) {
        Running read = reads.start(rps);
        TrafficRun mix;
        try {
            mix = TrafficRun.start(TrafficSettings.of(URI.create(proxy), Math.max(1, rps / 2.0), null)
                    .withTimeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            read.close();
            throw e;
        }
        return new Running() {
            @Override
            public long requests() {
                return read.requests() + mix.snapshot().scheduled();
            }

            @Override
            public long failures() {
                return read.failures() + mix.snapshot().failed();
            }

            @Override
            public void close() {
                mix.close();
                read.close();
            }
        };
    }
}
