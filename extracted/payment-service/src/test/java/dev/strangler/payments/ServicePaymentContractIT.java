package dev.strangler.payments;

/** The contract against this service, on a random port. */
class ServicePaymentContractIT extends ServiceTest implements PaymentContract {

    @Override
    public Api payments() {
        return api;
    }
}
