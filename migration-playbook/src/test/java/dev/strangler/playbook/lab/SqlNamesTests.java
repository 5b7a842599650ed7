package dev.strangler.playbook.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.extraction.Extractions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlNamesTests {

    @Test
    void quotesANameSoThatItCannotEndTheIdentifier() {
        assertThat(SqlNames.quoted("payments")).isEqualTo("\"payments\"");
        assertThat(SqlNames.quoted("a\"; drop table x; --")).isEqualTo("\"a\"\"; drop table x; --\"");
    }

    @Test
    void theLargestLegacyKeyLeavesOutTheRowsTheServiceCreated() {
        var payments = Extractions.load(Path.of("..", "extractions")).get("payments").data().getFirst();

        assertThat(SqlNames.largestLegacyKey(payments))
                .isEqualTo("select max(\"id\")::text from \"payments\" where \"id\" < 1000000000");
    }
}
