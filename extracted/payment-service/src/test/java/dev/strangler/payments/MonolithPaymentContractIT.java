package dev.strangler.payments;

/** The contract against the real monolith jar: the reference the service must match. */
class MonolithPaymentContractIT implements PaymentContract {

    @Override
    public Api payments() {
        return Monolith.shared().api();
    }
}
