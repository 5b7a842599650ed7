package dev.strangler.registry;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing: magic byte 0, a 4-byte big-endian schema id, then the payload. */
public final class WireFormat {

    /** The only magic byte Confluent's format defines. */
    public static final byte MAGIC = 0;

    /** Length of the header before the Avro body. */
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Writes the header for {@code schemaId} into the first five bytes of {@code target}. */
    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id of a framed payload; fails on anything that is not in the format. */
    public static int schemaId(byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("not in the Confluent wire format: " + data.length + " bytes is shorter than the header");
        }
        if (data[0] != MAGIC) {
            throw new SerializationException("not in the Confluent wire format: unknown magic byte " + data[0]);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
