package dev.strangler.playbook.analysis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import dev.strangler.playbook.analysis.internal.SqlText.TableUse;
import org.junit.jupiter.api.Test;

class SqlTextTests {

    @Test
    void readsTheTablesOfASelectWithJoinsAliasesAndSubqueries() {
        assertThat(SqlText.tables("""
                select c.name, sum(i.amount_cents)
                  from shop.invoices i
                  join "Customers" as c on c.id = i.customer_id
                 where exists (select 1 from refunds r where r.invoice_id = i.id)
                 group by c.name"""))
                .extracting(TableUse::table, TableUse::mode, TableUse::verb)
                .containsExactly(tuple("invoices", Mode.READ, "sql select"), tuple("customers", Mode.READ, "sql select"),
                        tuple("refunds", Mode.READ, "sql select"));
        assertThat(SqlText.tables("SELECT * FROM orders o, order_lines l WHERE l.order_id = o.id"))
                .extracting(TableUse::table).containsExactly("orders", "order_lines");
    }

    @Test
    void tellsTheWrittenTableOfEachStatement() {
        assertThat(SqlText.tables("insert into invoices (id, total) select id, total from drafts"))
                .extracting(TableUse::table, TableUse::mode)
                .containsExactly(tuple("invoices", Mode.WRITE), tuple("drafts", Mode.READ));
        assertThat(SqlText.tables("UPDATE invoices i SET paid = true WHERE i.id = ?"))
                .extracting(TableUse::table, TableUse::mode, TableUse::verb)
                .containsExactly(tuple("invoices", Mode.WRITE, "sql update"));
        assertThat(SqlText.tables("delete from invoices where created_at < ?"))
                .extracting(TableUse::table, TableUse::mode, TableUse::verb)
                .containsExactly(tuple("invoices", Mode.WRITE, "sql delete"));
        assertThat(SqlText.tables("merge into invoices t using staged s on t.id = s.id when matched then update set"
                + " total = s.total"))
                .extracting(TableUse::table, TableUse::mode)
                .containsExactly(tuple("invoices", Mode.WRITE), tuple("staged", Mode.READ));
        assertThat(SqlText.tables("truncate table checkout_sagas, payments, customers restart identity"))
                .extracting(TableUse::table, TableUse::mode)
                .containsExactly(tuple("checkout_sagas", Mode.WRITE), tuple("payments", Mode.WRITE),
                        tuple("customers", Mode.WRITE));
    }

    @Test
    void takesNoFunctionArgumentLockOrConflictClauseForATable() {
        assertThat(SqlText.tables("select extract(year from created_at), trim(both ' ' from name) from invoices"
                + " for update"))
                .extracting(TableUse::table).containsExactly("invoices");
        assertThat(SqlText.tables("insert into invoices (id) values (?) on conflict (id) do update set id = ?"))
                .extracting(TableUse::table).containsExactly("invoices");
        assertThat(SqlText.tables("select a is distinct from b from pairs")).extracting(TableUse::table)
                .containsExactly("pairs");
        assertThat(SqlText.tables("select * from generate_series(1, 10) join invoices using (id)"))
                .extracting(TableUse::table).containsExactly("invoices");
    }

    @Test
    void leavesOutCommonTableExpressionsLiteralsAndComments() {
        assertThat(SqlText.tables("""
                with recent as (select * from invoices where paid) -- from nowhere
                select * from recent /* join ghosts */ where note <> 'from fake'"""))
                .extracting(TableUse::table).containsExactly("invoices");
    }

    @Test
    void readsNoTableOutOfTextThatIsNotSql() {
        assertThat(SqlText.tables("Update failed for invoice ?")).isEmpty();
        assertThat(SqlText.tables("Select a product from the list")).isEmpty();
        assertThat(SqlText.tables("Deleted 3 rows from invoices")).isEmpty();
        assertThat(SqlText.tables("the invoices table")).isEmpty();
        assertThat(SqlText.isStatement("  (select 1)")).isTrue();
    }

    @Test
    void attributesLambdasToTheMethodThatDeclaresThem() {
        assertThat(TableUses.enclosing("lambda$settle$0")).isEqualTo("settle");
        assertThat(TableUses.enclosing("lambda$static$2")).isEqualTo("<clinit>");
        assertThat(TableUses.enclosing("lambda$new$1")).isEqualTo("<init>");
        assertThat(TableUses.enclosing("find")).isEqualTo("find");
    }
}
