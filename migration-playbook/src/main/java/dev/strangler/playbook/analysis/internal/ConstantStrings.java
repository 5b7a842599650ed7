package dev.strangler.playbook.analysis.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The string constants each method of a class file uses, with their source lines: what {@code ldc} loads (literals,
 * text blocks, inlined {@code static final} constants) and the recipes of string concatenations
 * ({@code "select ... where id = " + id}, compiled to {@code invokedynamic} with {@code StringConcatFactory}; each
 * argument becomes {@code ?}). ArchUnit keeps no constants, and the application's classes cannot be loaded without
 * its libraries, so the class file is read directly, like {@link ParameterNames} does.
 */
final class ConstantStrings {

    private static final String CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

    /**
     * A string a method uses.
     *
     * @param method the method's name ({@code <init>}, {@code <clinit>}, {@code lambda$find$0} as compiled)
     * @param line the source line, or 0 when the class has no line numbers
     * @param text the string
     */
    public record Constant(String method, int line, String text) {
    }

    private record Pool(int[] tags, int[] first, int[] second, String[] utf8) {
    }

    private record Load(String method, int line, boolean dynamic, int index) {
    }

    private ConstantStrings() {
    }

    /** Every string constant every method of the class file uses, in method and code order. */
    public static List<Constant> of(byte[] classFile) throws IOException {
        try {
            return read(classFile);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("malformed class file: " + e.getMessage(), e);
        }
    }

    private static List<Constant> read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        Pool pool = pool(in);
        in.skipNBytes(6);
        in.skipNBytes(2L * in.readUnsignedShort());
        int fields = in.readUnsignedShort();
        for (int i = 0; i < fields; i++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        List<Load> loads = new ArrayList<>();
        int methods = in.readUnsignedShort();
        for (int i = 0; i < methods; i++) {
            in.readUnsignedShort();
            String name = pool.utf8()[in.readUnsignedShort()];
            in.readUnsignedShort();
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = pool.utf8()[in.readUnsignedShort()];
                long length = in.readInt() & 0xFFFFFFFFL;
                if ("Code".equals(attribute)) {
                    code(in, name, pool, loads);
                } else {
                    in.skipNBytes(length);
                }
            }
        }
        List<List<Integer>> bootstrapArguments = new ArrayList<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = pool.utf8()[in.readUnsignedShort()];
            long length = in.readInt() & 0xFFFFFFFFL;
            if (!"BootstrapMethods".equals(attribute)) {
                in.skipNBytes(length);
                continue;
            }
            int count = in.readUnsignedShort();
            for (int b = 0; b < count; b++) {
                int handle = in.readUnsignedShort();
                int args = in.readUnsignedShort();
                List<Integer> strings = new ArrayList<>();
                for (int arg = 0; arg < args; arg++) {
                    int index = in.readUnsignedShort();
                    if (pool.tags()[index] == 8) {
                        strings.add(index);
                    }
                }
                bootstrapArguments.add(concatenation(pool, handle) ? strings : List.of());
            }
        }
        List<Constant> constants = new ArrayList<>();
        for (Load load : loads) {
            if (!load.dynamic()) {
                constants.add(new Constant(load.method(), load.line(), string(pool, load.index())));
            } else if (load.index() < bootstrapArguments.size()) {
                for (int index : bootstrapArguments.get(load.index())) {
                    constants.add(new Constant(load.method(), load.line(),
                            string(pool, index).replace('\u0001', '?').replace('\u0002', '?')));
                }
            }
        }
        return constants;
    }

    /** Walks one method's bytecode for {@code ldc} of strings and {@code invokedynamic}, then maps them to lines. */
    private static void code(DataInputStream in, String method, Pool pool, List<Load> loads) throws IOException {
        in.skipNBytes(4);
        byte[] code = in.readNBytes(in.readInt());
        in.skipNBytes(8L * in.readUnsignedShort());
        TreeMap<Integer, Integer> lines = new TreeMap<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = pool.utf8()[in.readUnsignedShort()];
            long length = in.readInt() & 0xFFFFFFFFL;
            if (!"LineNumberTable".equals(attribute)) {
                in.skipNBytes(length);
                continue;
            }
            int count = in.readUnsignedShort();
            for (int l = 0; l < count; l++) {
                lines.put(in.readUnsignedShort(), in.readUnsignedShort());
            }
        }
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            int index = -1;
            boolean dynamic = false;
            if (op == 0x12) {
                index = code[pc + 1] & 0xFF;
            } else if (op == 0x13) {
                index = u2(code, pc + 1);
            } else if (op == 0xBA) {
                int indy = u2(code, pc + 1);
                if (pool.tags()[indy] == 18) {
                    index = pool.first()[indy];
                    dynamic = true;
                }
            }
            if (index >= 0 && (dynamic || pool.tags()[index] == 8)) {
                var line = lines.floorEntry(pc);
                loads.add(new Load(method, line == null ? 0 : line.getValue(), dynamic, index));
            }
            pc += length(code, pc);
        }
    }

    /** The length of the instruction at {@code pc}, operands included (JVM specification, chapter 6). */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        if (op == 0xAA) {
            int at = pc + 1 + (3 - pc % 4);
            int low = s4(code, at + 4);
            int high = s4(code, at + 8);
            return at + 12 + 4 * (high - low + 1) - pc;
        }
        if (op == 0xAB) {
            int at = pc + 1 + (3 - pc % 4);
            return at + 8 + 8 * s4(code, at + 4) - pc;
        }
        if (op == 0xC4) {
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || op >= 0x15 && op <= 0x19 || op >= 0x36 && op <= 0x3A || op == 0xA9
                || op == 0xBC) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || op >= 0x99 && op <= 0xA8
                || op >= 0xB2 && op <= 0xB8 || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1 || op == 0xC6
                || op == 0xC7) {
            return 3;
        }
        if (op == 0xC5) {
            return 4;
        }
        if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
            return 5;
        }
        return 1;
    }

    /** True when the bootstrap method handle is {@code StringConcatFactory}'s. */
    private static boolean concatenation(Pool pool, int handle) {
        if (pool.tags()[handle] != 15) {
            return false;
        }
        int ref = pool.first()[handle];
        int owner = pool.first()[ref];
        return pool.tags()[owner] == 7 && CONCAT_FACTORY.equals(pool.utf8()[pool.first()[owner]]);
    }

    private static String string(Pool pool, int index) {
        String s = pool.utf8()[pool.first()[index]];
        return s == null ? "" : s;
    }

    /** The constant pool: each entry's tag and first two operands, and the UTF-8 texts. */
    private static Pool pool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 3, 4 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return new Pool(tags, first, second, utf8);
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }

    private static int u2(byte[] code, int at) {
        return (code[at] & 0xFF) << 8 | code[at + 1] & 0xFF;
    }

    private static int s4(byte[] code, int at) {
        return (code[at] & 0xFF) << 24 | (code[at + 1] & 0xFF) << 16 | (code[at + 2] & 0xFF) << 8 | code[at + 3] & 0xFF;
    }
}
