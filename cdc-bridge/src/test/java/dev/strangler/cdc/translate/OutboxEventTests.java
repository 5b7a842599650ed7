package dev.strangler.cdc.translate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxEventTests {

    @Test
    void readsTheWritingSpanFromATraceparent() {
        OutboxEvent event = OutboxEvent.of(1, "payment", "7", "PaymentAuthorized", "{}",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-1234567890123452-01", null);

        assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.spanId()).isEqualTo("1234567890123452");
    }

    @Test
    void readsTheOlderTwoColumnForm() {
        OutboxEvent event = OutboxEvent.of(1, "payment", "7", "PaymentAuthorized", "{}",
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

        assertThat(event.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(OutboxEvent.of(1, "payment", "7", "E", "{}", null, null).traceId()).isNull();
    }
}
