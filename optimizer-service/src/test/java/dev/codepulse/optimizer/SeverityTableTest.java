package dev.codepulse.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codepulse.optimizer.rules.EvidenceItem;
import dev.codepulse.optimizer.rules.SeverityTable;
import dev.codepulse.schemas.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeverityTableTest {
    @Test
    void shouldClassifyRisingThresholds() {
        SeverityTable table = SeverityTable.higherIsWorse(1.0, 1.5, 2.5, 5.0);

        assertThat(table.classify(0.99)).isEmpty();
        assertThat(table.classify(1.0)).isEqualTo(Optional.of(Severity.LOW));
        assertThat(table.classify(1.5)).isEqualTo(Optional.of(Severity.MEDIUM));
        assertThat(table.classify(2.49)).isEqualTo(Optional.of(Severity.MEDIUM));
        assertThat(table.classify(2.5)).isEqualTo(Optional.of(Severity.HIGH));
        assertThat(table.classify(100)).isEqualTo(Optional.of(Severity.CRITICAL));
    }

    @Test
    void shouldClassifyFallingThresholds() {
        SeverityTable table = SeverityTable.lowerIsWorse(0.5, 0.3, 0.15, 0.05);

        assertThat(table.classify(0.51)).isEmpty();
        assertThat(table.classify(0.5)).isEqualTo(Optional.of(Severity.LOW));
        assertThat(table.classify(0.2)).isEqualTo(Optional.of(Severity.MEDIUM));
        assertThat(table.classify(0.1)).isEqualTo(Optional.of(Severity.HIGH));
        assertThat(table.classify(0.0)).isEqualTo(Optional.of(Severity.CRITICAL));
    }

    @Test
    void shouldRejectThresholdsOutOfOrder() {
        assertThatThrownBy(() -> SeverityTable.higherIsWorse(1, 3, 2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rising");
    }

    @Test
    void shouldDoubleWeightPerSeverityLevel() {
        assertThat(SeverityTable.weight(Severity.LOW)).isEqualTo(1.0);
        assertThat(SeverityTable.weight(Severity.MEDIUM)).isEqualTo(2.0);
        assertThat(SeverityTable.weight(Severity.HIGH)).isEqualTo(4.0);
        assertThat(SeverityTable.weight(Severity.CRITICAL)).isEqualTo(8.0);
    }

    @Test
    void shouldFormatSummaryNumbers() {
        assertThat(EvidenceItem.format(0.123456)).isEqualTo("0.123");
        assertThat(EvidenceItem.format(2.0)).isEqualTo("2");
        assertThat(EvidenceItem.format(1234.56)).isEqualTo("1235");
    }
}
