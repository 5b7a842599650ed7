package dev.strangler.legacy.orders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shop.payment-events.*}: where the shop reads the payment service's events. Once payments live in the
 * service, an order no longer becomes PAID inside the shop's own payment transaction; it follows the service's
 * events instead (the lab turns this on; a shop that still pays in-process needs nothing). The Kafka cluster is
 * {@code strangler.kafka.*} and the registry {@code strangler.schema-registry.*}, as for every component.
 *
 * @param enabled            follow the events at all
 * @param topic              the service's payment changes (the CDC bridge publishes its outbox there)
 * @param groupId            the shop's consumer group: its committed offsets are how far the shop has followed
 * @param retryBackoff       how long to wait before reading a batch again that could not be applied
 */
@ConfigurationProperties("shop.payment-events")
public record PaymentEventsProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("strangler.cdc.service.payments") String topic,
        @DefaultValue("legacy-monolith-orders") String groupId,
        @DefaultValue("1s") Duration retryBackoff) {
}
