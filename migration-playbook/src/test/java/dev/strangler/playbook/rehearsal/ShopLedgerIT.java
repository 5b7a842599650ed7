package dev.strangler.playbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.TestLab;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The ledger read from real PostgreSQL databases shaped as the shop's and the service's payments tables, with the
 * defect of issue #22 planted: an order the service was paid for that the shop still shows awaiting payment.
 */
class ShopLedgerIT {

    @Test
    void readsBothDatabasesAndTheRulesFindTheUnpaidOrder() throws Exception {
        String shop = TestLab.freshDatabase(TestLab.legacyPostgres(), "ledger");
        String payments = TestLab.freshDatabase(TestLab.paymentsPostgres(), "ledger");
        try (Connection c = DriverManager.getConnection(shop); Statement s = c.createStatement()) {
            s.execute("create table orders (id bigint primary key, status varchar(4), total numeric(12,2))");
            s.execute("create table payments (id bigint primary key, order_id bigint, status varchar(4),"
                    + " amount numeric(12,2))");
            s.execute("insert into orders values (1, 'PAID', 160.67), (2, 'AWPY', 10.00), (3, 'CANC', 5.00)");
            s.execute("insert into payments values (11, 1, 'CAPT', 160.67), (13, 3, 'VOID', 5.00),"
                    + " (1000000001, 2, 'AUTH', 10.00)");
        }
        try (Connection c = DriverManager.getConnection(payments); Statement s = c.createStatement()) {
            s.execute("create table payments (id bigint primary key, order_id bigint, status text,"
                    + " amount_minor bigint)");
            s.execute("insert into payments values (11, 1, 'CAPTURED', 16067), (13, 3, 'VOIDED', 500),"
                    + " (1000000001, 2, 'AUTHORIZED', 1000)");
        }

        ShopLedger ledger = ShopLedger.read(shop, payments);

        assertThat(ledger.orders()).hasSize(3);
        assertThat(ledger.orders().get(1L).total()).isEqualByComparingTo(new BigDecimal("160.67"));
        assertThat(ledger.monolithPayments()).extracting(ShopLedger.Payment::status)
                .containsExactlyInAnyOrder("CAPTURED", "VOIDED", "AUTHORIZED");
        assertThat(ledger.servicePayments()).anySatisfy(p -> {
            assertThat(p.id()).isEqualTo(11);
            assertThat(p.amount()).isEqualByComparingTo(new BigDecimal("160.67"));
        });
        BusinessRules.Findings findings = BusinessRules.mismatches(ledger);
        assertThat(findings.total()).isEqualTo(2);
        assertThat(findings.byRule())
                .containsEntry("monolith: order awaiting payment although a payment holds its money", 1L)
                .containsEntry("service: order awaiting payment although a payment holds its money", 1L);

        try (Connection c = DriverManager.getConnection(shop); Statement s = c.createStatement()) {
            s.execute("update orders set status = 'PAID' where id = 2");
        }
        assertThat(BusinessRules.mismatches(ShopLedger.read(shop, payments)).total()).isZero();
    }
}
