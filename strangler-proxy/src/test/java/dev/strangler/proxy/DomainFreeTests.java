package dev.strangler.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.DomainWords;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The proxy knows no domain: its routes come from the extraction descriptors. */
class DomainFreeTests {

    @Test
    void noClassOfTheProxyNamesTheShopsExtractions() {
        assertThat(DomainWords.filesNaming(Path.of("src", "main", "java"), "payment", "customer")).isEmpty();
    }
}
