/**
 * The fake payment gateway (PSP): WireMock with stubs for authorize, capture and refund, documented test cards that
 * decline, fail or time out, and configurable latency. It stands in for what lies outside the system; its request
 * journal is the evidence for "no duplicate charges".
 */
@NullMarked
package dev.strangler.lab.psp;

import org.jspecify.annotations.NullMarked;
