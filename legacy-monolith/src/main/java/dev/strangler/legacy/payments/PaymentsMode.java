package dev.strangler.legacy.payments;

/**
 * Which side of the payment seam runs, switchable while the shop runs: {@code shop.payments.mode} at start, then the
 * {@code payments.mode} row of {@code shop_settings} when there is one (read every second). A switch needs no
 * restart, so moving payments to the extracted service (the playbook's decommission step) and back costs callers
 * nothing. {@code /actuator/info} shows the mode in force.
 */
public interface PaymentsMode {

    /** The {@code shop_settings} row that switches the mode: {@code in-process} or {@code remote}. */
    String SETTING = "payments.mode";

    /** True when payments run in the extracted service. */
    boolean remote();

    /** {@code in-process} or {@code remote}. */
    String mode();
}
