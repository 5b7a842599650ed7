package dev.strangler.extraction.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * The line of every element of a YAML document, by its path ({@code data[0].fields[3].legacy}). The tree that
 * Jackson binds keeps no positions, so the document is read a second time as tokens; a field's line is the line of
 * its key, an array element's the line it starts on.
 */
public final class YamlPositions {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, Integer> lines;

    private YamlPositions(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** One open mapping or sequence while reading. */
    private static final class Frame {
        final String path;
        final boolean array;
        int index = -1;
        String field = "";

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String child() {
            return array ? path + "[" + index + "]" : path.isEmpty() ? field : path + "." + field;
        }
    }

    public static YamlPositions of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        lines.put("", 1);
        try (JsonParser p = YAML.createParser(yaml)) {
            Deque<Frame> open = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                Frame top = open.peek();
                if (t == JsonToken.PROPERTY_NAME) {
                    top.field = p.currentName();
                    lines.putIfAbsent(top.child(), line);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                String path = "";
                if (top != null) {
                    if (top.array) {
                        top.index++;
                    }
                    path = top.child();
                    lines.putIfAbsent(path, line);
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    open.push(new Frame(path, t == JsonToken.START_ARRAY));
                }
            }
        } catch (RuntimeException e) {
            // a document Jackson cannot tokenize is reported by the reader, with the parser's own position
        }
        return new YamlPositions(lines);
    }

    /** The line of {@code path}, or of its nearest ancestor that exists (a missing field is reported there). */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** {@code data[0].fields} from path elements such as {@code "data", 0, "fields"}. */
    public static String path(List<?> elements) {
        StringBuilder s = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer i) {
                s.append('[').append(i).append(']');
            } else {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(e);
            }
        }
        return s.toString();
    }
}
