package dev.strangler.customers.customer;

import dev.strangler.customers.PageResponse;
import dev.strangler.customers.ServiceProblem;
import dev.strangler.customers.shop.CustomerCards;
import dev.strangler.customers.shop.ShopUnavailable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads customers with their last card. The rows come from this service's table in one read-only transaction; the
 * last cards come from the shop afterwards, outside it, so that no database connection waits on the shop. A customer
 * is still a customer while the shop cannot be asked: shown with {@code paymentsUnavailable} instead of failing.
 */
@Service
public class ReadCustomers {

    private static final Logger log = LoggerFactory.getLogger(ReadCustomers.class);

    private final Customers customers;
    private final CustomerCards cards;
    private final TransactionTemplate readOnly;

    ReadCustomers(Customers customers, CustomerCards cards, PlatformTransactionManager transactions) {
        this.customers = customers;
        this.cards = cards;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** One page of customers by id; a page past the end is empty. */
    public PageResponse<Customer> page(int page, int size) {
        PageResponse<Customer> rows = Objects.requireNonNull(readOnly.execute(status -> PageResponse.of(
                customers.page(page * size, size).stream().map(Customer::of).toList(), page, size,
                customers.count())));
        return new PageResponse<>(withLastCards(rows.items()), rows.page(), rows.size(), rows.totalItems(),
                rows.totalPages());
    }

    /** The customer, or a 404 problem. */
    public Customer get(long id) {
        Customer customer = customers.find(id).map(Customer::of)
                .orElseThrow(() -> ServiceProblem.notFound("customer"));
        return withLastCards(List.of(customer)).getFirst();
    }

    private List<Customer> withLastCards(List<Customer> page) {
        if (page.isEmpty()) {
            return page;
        }
        Map<Long, String> last4;
        try {
            last4 = cards.lastCardLast4(page.stream().map(Customer::id).toList());
        } catch (ShopUnavailable unavailable) {
            log.warn("{} customers shown without their last card: {}", page.size(), unavailable.getMessage());
            return page.stream().map(Customer::withPaymentsUnavailable).toList();
        }
        return page.stream().map(c -> c.withLastCard(last4.get(c.id()))).toList();
    }
}
