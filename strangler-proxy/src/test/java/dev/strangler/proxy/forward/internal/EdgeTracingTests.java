package dev.strangler.proxy.forward.internal;

import static org.assertj.core.api.Assertions.assertThat;

import brave.Tracing;
import brave.propagation.SamplingFlags;
import brave.propagation.TraceContext;
import brave.propagation.TraceContextOrSamplingFlags;
import brave.sampler.Sampler;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.junit.jupiter.api.Test;

/** The context the edge sends upstream when it builds no spans: the same decisions the tracer would make. */
class EdgeTracingTests {

    static final TraceContext CALLER = TraceContext.newBuilder().traceIdHigh(0x4bf92f3577b34da6L)
            .traceId(0xa3ce929d0e0e4736L).spanId(0x00f067aa0ba902b7L).sampled(false).build();

    @Test
    void continuesTheCallersTraceAsAChildKeepingItsSamplingDecision() {
        try (Tracing tracing = tracing(Sampler.ALWAYS_SAMPLE)) {
            TraceContext child = new EdgeTracing(tracing, false).childContext(TraceContextOrSamplingFlags.create(CALLER));

            assertThat(child.traceIdString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(child.parentIdString()).isEqualTo("00f067aa0ba902b7");
            assertThat(child.spanId()).isNotZero().isNotEqualTo(CALLER.spanId());
            assertThat(child.sampled()).isFalse();
        }
    }

    @Test
    void startsANewTraceWithTheSamplersDecisionUnlessTheCallerMadeOne() {
        try (Tracing never = tracing(Sampler.NEVER_SAMPLE); Tracing always = tracing(Sampler.ALWAYS_SAMPLE)) {
            TraceContext unsampled = new EdgeTracing(never, false).childContext(TraceContextOrSamplingFlags.EMPTY);
            TraceContext sampled = new EdgeTracing(always, false).childContext(TraceContextOrSamplingFlags.EMPTY);
            TraceContext callerSaysNo = new EdgeTracing(always, false)
                    .childContext(TraceContextOrSamplingFlags.create(SamplingFlags.NOT_SAMPLED));

            assertThat(unsampled.sampled()).isFalse();
            assertThat(sampled.sampled()).isTrue();
            assertThat(callerSaysNo.sampled()).isFalse();
            assertThat(sampled.parentId()).isNull();
            assertThat(sampled.traceIdHigh()).isNotZero();
            assertThat(sampled.traceId()).isNotEqualTo(unsampled.traceId());
        }
    }

    private static Tracing tracing(Sampler sampler) {
        return Tracing.newBuilder().sampler(sampler).propagationFactory(new W3CPropagation()).build();
    }
}
