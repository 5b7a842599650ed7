package dev.strangler.payments.outbox;

import java.util.Map;

/** Appends an event for the CDC bridge. Must be called inside the transaction of the change it describes. */
public interface Outbox {

    void append(String aggregateType, String aggregateId, String eventType, Map<String, Object> payload);
}
