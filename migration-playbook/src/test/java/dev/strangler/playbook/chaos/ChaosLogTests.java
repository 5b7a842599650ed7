package dev.strangler.playbook.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosLogTests {

    @TempDir
    Path lab;

    @Test
    void appendsEveryDrillStepAndReadsThemBackOldestFirst() {
        ChaosLog log = new ChaosLog(lab, Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));
        log.append("errors", "payments-write", "100 %", "drill: the service fails");
        log.append("clear", "payments-write", "no faults", "drill over");

        assertThat(log.last(10)).extracting(ChaosLog.Entry::action).containsExactly("errors", "clear");
        assertThat(log.last(1)).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("payments-write");
            assertThat(e.reason()).isEqualTo("drill over");
            assertThat(e.at()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
            assertThat(e.who()).isNotBlank();
        });
        assertThat(log.file()).isEqualTo(lab.resolve("chaos/audit.jsonl"));
    }

    @Test
    void aLineTornByACrashIsSkippedAndLaterEntriesStillCount() throws Exception {
        ChaosLog log = new ChaosLog(lab, Clock.systemUTC());
        log.append("kill", "payment-service", "SIGKILL pid 42", "drill");
        Files.writeString(log.file(), "{\"at\":\"2026-11-25T1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(log.file(), "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.append("restore", "payment-service", "started again", "drill over");

        assertThat(log.last(10)).extracting(ChaosLog.Entry::action).containsExactly("kill", "restore");
    }

    @Test
    void anEmptyLabHasNoDrills() {
        assertThat(new ChaosLog(lab, Clock.systemUTC()).last(5)).isEmpty();
    }
}
