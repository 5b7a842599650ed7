package dev.strangler.legacy.reports;

import dev.strangler.legacy.ShopProblem;
import dev.strangler.legacy.reports.internal.SalesReports;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The report API. */
@RestController
@RequestMapping(path = "/api/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class ReportController {

    private final SalesReports sales;

    ReportController(SalesReports sales) {
        this.sales = sales;
    }

    @GetMapping("/sales")
    @Transactional(readOnly = true)
    SalesReport sales(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (from.isAfter(to)) {
            throw ShopProblem.badRequest("invalid-date-range", "'from' must not be after 'to'.");
        }
        if (ChronoUnit.DAYS.between(from, to) > 3660) {
            throw ShopProblem.badRequest("invalid-date-range", "The range is limited to ten years.");
        }
        return sales.between(from, to);
    }
}
