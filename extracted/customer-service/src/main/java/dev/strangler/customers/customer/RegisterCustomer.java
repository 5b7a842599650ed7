package dev.strangler.customers.customer;

import dev.strangler.customers.ServiceProblem;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Registers a customer, as the monolith does: email normalized, name trimmed, 409 {@code email-taken}. */
@Service
public class RegisterCustomer {

    private static final Logger log = LoggerFactory.getLogger(RegisterCustomer.class);

    private final Customers customers;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegisterCustomer(Customers customers, TransactionTemplate tx, Clock clock) {
        this.customers = customers;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The new customer, without a last card (someone who just registered has paid nothing: the shop is not asked).
     * A dry run ({@code X-Strangler-Shadow: dry-run}, the proxy's shadow of a write) inserts and rolls back: the
     * answer is the one the request would have had, constraints included, and nothing is kept (an id of the
     * sequence is used up, which leaves a gap and nothing else).
     */
    public Customer register(NewCustomerRequest request, boolean dryRun) {
        String email = CustomerMapping.normalizeEmail(request.email());
        CustomerMapping.NameParts name = CustomerMapping.split(request.name().trim());
        if (!name.fits()) {
            throw ServiceProblem.invalidField("name", "the words before the last space, and the word after it, may"
                    + " have at most " + CustomerMapping.MAX_NAME_PART + " characters each");
        }
        // PostgreSQL keeps microseconds: what is answered now must be what a later read shows
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        StoredCustomer row = Objects.requireNonNull(tx.execute(status -> {
            StoredCustomer inserted = customers.insert(email, name, now).orElseThrow(() -> ServiceProblem.conflict(
                    "email-taken", "A customer with that email address already exists."));
            if (dryRun) {
                status.setRollbackOnly();
            }
            return inserted;
        }));
        log.info("Customer {} registered{}", row.id(), dryRun ? " (dry-run, rolled back)" : "");
        return Customer.of(row);
    }
}
