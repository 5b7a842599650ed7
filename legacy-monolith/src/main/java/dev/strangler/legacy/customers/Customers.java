package dev.strangler.legacy.customers;

import dev.strangler.legacy.PageResponse;
import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.customers.internal.CustomerCards;
import dev.strangler.legacy.customers.internal.JooqCustomers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers and reads customers. */
@Service
public class Customers {

    private static final Logger log = LoggerFactory.getLogger(Customers.class);

    private final JooqCustomers customers;
    private final CustomerCards cards;
    private final Clock clock;

    Customers(JooqCustomers customers, CustomerCards cards, Clock clock) {
        this.customers = customers;
        this.cards = cards;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageResponse<Customer> page(int page, int size) {
        return PageResponse.of(withLastCards(customers.page(page * size, size)), page, size, customers.count());
    }

    @Transactional(readOnly = true)
    public Customer get(long id) {
        Customer customer = customers.find(id).orElseThrow(() -> ShopProblem.notFound("customer"));
        return withLastCards(java.util.List.of(customer)).getFirst();
    }

    private java.util.List<Customer> withLastCards(java.util.List<Customer> page) {
        if (page.isEmpty()) {
            return page;
        }
        java.util.Map<Long, String> last4;
        try {
            last4 = cards.lastCardLast4(page.stream().map(Customer::id).toList());
        } catch (ShopProblem problem) {
            if (!problem.getStatusCode().is5xxServerError()) {
                throw problem;
            }
            // a customer is still a customer while the payment service is down: shown without their last card
            log.warn("{} customers shown without their last card: {}", page.size(), problem.slug());
            return page.stream().map(Customer::withPaymentsUnavailable).toList();
        }
        return page.stream().map(c -> c.withLastCard(last4.get(c.id()))).toList();
    }

    @Transactional
    public Customer register(NewCustomerRequest request) {
        String email = request.email().trim().toLowerCase(java.util.Locale.ROOT);
        if (customers.emailTaken(email)) {
            throw ShopProblem.conflict("email-taken", "A customer with that email address already exists.");
        }
        long id = customers.insert(email, request.name().trim(), clock.instant());
        log.info("Customer {} registered", id);
        // a new customer has paid nothing yet: no need to ask the payment side
        return customers.find(id).orElseThrow(() -> ShopProblem.notFound("customer"));
    }
}
