package dev.strangler.legacy.web;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.catalog.Catalog;
import dev.strangler.legacy.customers.Customers;
import dev.strangler.legacy.orders.CheckoutRequest;
import dev.strangler.legacy.orders.OrderView;
import dev.strangler.legacy.orders.Orders;
import dev.strangler.legacy.payments.PaymentProcessing;
import dev.strangler.legacy.payments.PaymentResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The shop's pages. Errors are shown on the page, never as JSON. */
@Controller
class ShopPages {

    private static final int LIST_SIZE = 50;

    private final Catalog catalog;
    private final Customers customers;
    private final Orders orders;
    private final PaymentProcessing payments;

    ShopPages(Catalog catalog, Customers customers, Orders orders, PaymentProcessing payments) {
        this.catalog = catalog;
        this.customers = customers;
        this.orders = orders;
        this.payments = payments;
    }

    @GetMapping("/")
    String shop(Model model) {
        model.addAttribute("products", catalog.page(0, LIST_SIZE).items());
        model.addAttribute("customers", customers.page(0, LIST_SIZE).items());
        return "shop";
    }

    @PostMapping(path = "/checkout", consumes = "application/x-www-form-urlencoded")
    String checkout(@RequestParam(required = false) @Nullable String customerId,
            @RequestParam(required = false) @Nullable String productId,
            @RequestParam(required = false) @Nullable String quantity,
            @RequestParam(required = false) @Nullable String cardNumber,
            Model model, HttpServletResponse response) {
        Optional<Long> customer = number(customerId);
        Optional<Long> product = number(productId);
        Optional<Long> units = number(quantity);
        if (customer.isEmpty() || product.isEmpty() || units.isEmpty() || units.get() < 1 || units.get() > 1000) {
            return shopWithError(model, response, 400, "Pick a customer, a product and a quantity from 1 to 1000.");
        }
        try {
            OrderView order = orders.place(new CheckoutRequest(customer.get(),
                    List.of(new CheckoutRequest.Item(product.get(), units.get().intValue())), cardNumber));
            return "redirect:/orders/" + order.id();
        } catch (ShopProblem problem) {
            return shopWithError(model, response, problem.getStatusCode().value(),
                    String.valueOf(problem.getBody().getDetail()));
        }
    }

    private String shopWithError(Model model, HttpServletResponse response, int status, String message) {
        response.setStatus(status);
        model.addAttribute("error", message);
        return shop(model);
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("order", orders.get(number(id).orElseThrow(() -> ShopProblem.notFound("order"))));
            return "order";
        } catch (ShopProblem problem) {
            return notFound(model, response, "order");
        }
    }

    @GetMapping("/payments/{id}")
    String payment(@PathVariable String id, Model model, HttpServletResponse response) {
        try {
            long paymentId = number(id).orElseThrow(() -> ShopProblem.notFound("payment"));
            model.addAttribute("payment", PaymentResponse.from(payments.get(paymentId)));
            return "payment";
        } catch (ShopProblem problem) {
            return notFound(model, response, "payment");
        }
    }

    private static String notFound(Model model, HttpServletResponse response, String what) {
        response.setStatus(404);
        model.addAttribute("what", what);
        return "not-found";
    }

    private static Optional<Long> number(@Nullable String value) {
        if (value == null || !value.matches("\\d{1,15}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(value));
    }
}
