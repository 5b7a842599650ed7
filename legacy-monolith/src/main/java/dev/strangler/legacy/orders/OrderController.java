package dev.strangler.legacy.orders;

import jakarta.validation.Valid;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The order API: checkout, lookup, the orders of some customers, cancellation. */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> checkout(@Valid @RequestBody CheckoutRequest request) {
        OrderView order = orders.place(request);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(order.id()).toUri()).body(order);
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable long id) {
        return orders.get(id);
    }

    /**
     * The orders of these customers ({@code ?customerId=1&customerId=2}, at most
     * {@value Orders#MAX_CUSTOMERS_PER_LOOKUP}), newest first: how the extracted customer service finds the orders
     * whose payments hold a customer's last card, now that it cannot read this shop's tables.
     */
    @GetMapping(params = "customerId")
    List<OrderSummary> ofCustomers(@RequestParam List<@Nullable Long> customerId) {
        return orders.ofCustomers(customerId);
    }

    @PostMapping("/{id}/cancel")
    OrderView cancel(@PathVariable long id) {
        return orders.cancel(id);
    }
}
