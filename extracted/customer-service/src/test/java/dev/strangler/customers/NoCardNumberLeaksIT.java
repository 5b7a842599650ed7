package dev.strangler.customers;

import static dev.strangler.customers.CustomerContract.MASTERCARD;
import static dev.strangler.customers.CustomerContract.VISA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.pan.CardNumberScanner;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The service never holds a card number, but it reads payments, logs every request and warns when the shop fails:
 * after reads of customers who paid with known test PANs, no Luhn-valid 13-19 digit run is in its log output nor in
 * its table.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoCardNumberLeaksIT extends ServiceTest {

    @Test
    void noReadLeavesACardNumberInTheLogsOrTheTable(CapturedOutput output) {
        long id = api.post("/api/customers", "{\"email\":\"pan-" + UUID.randomUUID()
                + "@example.test\",\"name\":\"Card Holder\"}").id();
        copyIntoMonolith(id);
        monolith().paidOrder(id, VISA);
        monolith().paidOrder(id, MASTERCARD);

        Api.Reply customer = api.get("/api/customers/" + id,
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        api.get("/api/customers?size=100");
        api.post("/api/customers", "{\"email\":\"" + VISA + "@example.test\",\"name\":\"" + MASTERCARD + "\"}",
                Map.of("X-Strangler-Shadow", "dry-run"));
        api.post("/api/customers", "{\"email\":\"" + VISA + "\",\"name\":\"" + MASTERCARD + "\"}");

        assertThat(customer.text("lastCardLast4")).isEqualTo("4444");
        assertThat(output.getAll()).contains("0af7651916cd43dd8448eb211c80319c");
        assertThat(CardNumberScanner.find(output.getAll())).extracting(CardNumberScanner.Match::masked).isEmpty();
        String rows = db.fetch("select * from customers").formatCSV();
        assertThat(CardNumberScanner.find(rows)).extracting(CardNumberScanner.Match::masked).isEmpty();
    }
}
