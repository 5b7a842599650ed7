package dev.strangler.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.DomainWords;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bridge knows no domain: the descriptors say which tables and columns it keeps in step. */
class DomainFreeTests {

    @Test
    void noClassOfTheBridgeNamesTheShopsExtractions() {
        assertThat(DomainWords.filesNaming(Path.of("src", "main", "java"), "payment", "customer")).isEmpty();
    }
}
