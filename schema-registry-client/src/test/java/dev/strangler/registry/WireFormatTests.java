package dev.strangler.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTests {

    @Test
    void writesMagicByteAndBigEndianSchemaId() {
        byte[] framed = new byte[7];
        WireFormat.writeHeader(framed, 0x01020304);
        assertThat(framed).startsWith(0, 1, 2, 3, 4);
        assertThat(WireFormat.schemaId(framed)).isEqualTo(0x01020304);
    }

    @Test
    void readsLargeIds() {
        byte[] framed = new byte[5];
        WireFormat.writeHeader(framed, Integer.MAX_VALUE);
        assertThat(WireFormat.schemaId(framed)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void refusesUnknownMagicByteAndShortPayloads() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {1, 0, 0, 0, 1, 9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 1");
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("shorter than the header");
    }
}
