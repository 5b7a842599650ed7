package dev.strangler.playbook.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strangler.lab.junit.DomainWords;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The analysis knows no domain: an extraction's descriptor (or the command line) says which packages and tables to
 * look at, so a second extraction, or another application's jar, needs no change here.
 */
class DomainFreeTests {

    @Test
    void noClassOfTheAnalysisNamesTheShopsExtractions() {
        assertThat(DomainWords.filesNaming(Path.of("src", "main", "java", "dev", "strangler", "playbook", "analysis"),
                "payment", "customer", "dev.strangler.legacy")).isEmpty();
    }
}
