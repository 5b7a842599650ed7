package dev.strangler.customers.customer;

import dev.strangler.customers.PageResponse;
import dev.strangler.customers.ServiceProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The monolith's customer API, path for path: the same parameters and limits, statuses, headers and problems.
 * {@code POST} also honours {@code X-Strangler-Shadow: dry-run}.
 */
@RestController
@RequestMapping(path = "/api/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

    static final String SHADOW = "X-Strangler-Shadow";

    private final ReadCustomers read;
    private final RegisterCustomer register;

    CustomerController(ReadCustomers read, RegisterCustomer register) {
        this.read = read;
        this.register = register;
    }

    @GetMapping
    PageResponse<Customer> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return read.page(page, size);
    }

    @GetMapping("/{id}")
    Customer get(@PathVariable long id) {
        return read.get(id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Customer> register(@Valid @RequestBody NewCustomerRequest request,
            @RequestHeader(name = SHADOW, required = false) @Nullable String shadow) {
        Customer customer = register.register(request, dryRun(shadow));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}").buildAndExpand(customer.id()).toUri()).body(customer);
    }

    private static boolean dryRun(@Nullable String shadow) {
        if (shadow == null) {
            return false;
        }
        if (!"dry-run".equalsIgnoreCase(shadow.trim())) {
            throw ServiceProblem.badRequest("invalid-shadow-mode", "X-Strangler-Shadow accepts only 'dry-run'.");
        }
        return true;
    }
}
