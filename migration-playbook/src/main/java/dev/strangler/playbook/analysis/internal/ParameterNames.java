package dev.strangler.playbook.analysis.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads parameter names from a class file's {@code MethodParameters} attributes (written by {@code javac
 * -parameters}, which Spring Boot's build turns on). ArchUnit does not keep parameter names, and the monolith's
 * classes cannot be loaded for reflection without its libraries, so the class file is read directly.
 */
public final class ParameterNames {

    private static final int SYNTHETIC = 0x1000;
    private static final int MANDATED = 0x8000;

    /**
     * A named parameter.
     *
     * @param method the method's name ({@code <init>} for constructors)
     * @param index the parameter's position, from 0
     * @param name its name
     * @param type its type as Java writes it ({@code java.lang.String}, {@code int[]})
     */
    public record Parameter(String method, int index, String name, String type) {
    }

    private ParameterNames() {
    }

    /** Every named parameter of every method of the class file; empty when it was compiled without names. */
    public static List<Parameter> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        String[] utf8 = constantPool(in);
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.skipNBytes(2L * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        List<Parameter> parameters = new ArrayList<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort();
            String name = utf8[in.readUnsignedShort()];
            List<String> types = parameterTypes(utf8[in.readUnsignedShort()]);
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (!"MethodParameters".equals(attribute)) {
                    in.skipNBytes(length);
                    continue;
                }
                int count = in.readUnsignedByte();
                for (int p = 0; p < count; p++) {
                    int nameIndex = in.readUnsignedShort();
                    int flags = in.readUnsignedShort();
                    if (nameIndex != 0 && (flags & (SYNTHETIC | MANDATED)) == 0 && count == types.size()) {
                        parameters.add(new Parameter(name, p, utf8[nameIndex], types.get(p)));
                    }
                }
            }
        }
        return parameters;
    }

    /** The UTF-8 entries of the constant pool by index; other entries are skipped. */
    private static String[] constantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }

    /** {@code (Ljava/lang/String;[IJ)V} -> [java.lang.String, int[], long]. */
    static List<String> parameterTypes(String descriptor) {
        List<String> types = new ArrayList<>();
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            int dimensions = 0;
            while (descriptor.charAt(i) == '[') {
                dimensions++;
                i++;
            }
            String type;
            char c = descriptor.charAt(i);
            if (c == 'L') {
                int end = descriptor.indexOf(';', i);
                type = descriptor.substring(i + 1, end).replace('/', '.');
                i = end + 1;
            } else {
                type = switch (c) {
                    case 'B' -> "byte";
                    case 'C' -> "char";
                    case 'D' -> "double";
                    case 'F' -> "float";
                    case 'I' -> "int";
                    case 'J' -> "long";
                    case 'S' -> "short";
                    case 'Z' -> "boolean";
                    default -> throw new IllegalArgumentException("bad descriptor " + descriptor);
                };
                i++;
            }
            types.add(type + "[]".repeat(dimensions));
        }
        return types;
    }
}
