package dev.strangler.customers;

/** The contract against the real monolith jar: the reference the service must match. */
class MonolithCustomerContractIT implements CustomerContract {

    @Override
    public Api customers() {
        return Monolith.shared().api();
    }

    @Override
    public void pay(long customerId, String cardNumber) {
        Monolith.shared().paidOrder(customerId, cardNumber);
    }
}
