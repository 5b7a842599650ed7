package dev.strangler.playbook.analysis.internal;

import dev.strangler.playbook.analysis.AnalysisReport.Mode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tables a piece of SQL text reads and writes: what JDBC code ({@code JdbcTemplate}, {@code PreparedStatement},
 * Spring Data's {@code @Query}) hands the database. Only text that starts like a statement ({@code SELECT},
 * {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}, {@code WITH}, {@code TRUNCATE}) is read, so that
 * messages and labels are not taken for SQL; an {@code UPDATE} counts only with its {@code SET}.
 *
 * <p>Written: the target of {@code INSERT INTO}, {@code UPDATE ... SET}, {@code DELETE FROM}, {@code MERGE INTO},
 * {@code TRUNCATE}. Read: the tables of {@code FROM} (in a {@code SELECT}, at any depth; a {@code FROM} inside a
 * function call, {@code extract(year from d)}, is not a table), {@code JOIN} and {@code USING}. Names lose their
 * schema and quotes and are compared in lower case; common table expressions are not tables. Columns are not told
 * apart: SQL uses carry no columns.
 */
final class SqlText {

    private static final Pattern STATEMENT = Pattern.compile(
            "(?is)^[\\s(]*(select|insert|update|delete|merge|with|truncate)\\b.*");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Set<String> NOT_TABLES = Set.of("select", "from", "where", "join", "inner", "left", "right",
            "full", "outer", "cross", "natural", "on", "using", "as", "set", "values", "value", "into", "insert",
            "update", "delete", "merge", "with", "recursive", "lateral", "only", "table", "group", "order", "by",
            "having", "limit", "offset", "union", "intersect", "except", "all", "distinct", "and", "or", "not", "null",
            "is", "in", "exists", "case", "when", "then", "else", "end", "returning", "default", "conflict", "do",
            "nothing", "for", "share", "nowait", "skip", "locked", "of", "fetch", "first", "next", "rows", "row",
            "dual", "ignore", "window", "partition", "over", "matched", "the", "a", "an", "this", "that");

    /**
     * One table named by the text.
     *
     * @param table its name (lower case, without schema)
     * @param mode READ or WRITE
     * @param verb the statement that decided it, as the report shows it ({@code sql insert}, {@code sql select})
     */
    public record TableUse(String table, Mode mode, String verb) {
    }

    private SqlText() {
    }

    /** True for text that starts like a SQL statement. */
    public static boolean isStatement(String text) {
        return STATEMENT.matcher(text).matches();
    }

    /** The tables the text reads and writes, in order; empty for text that is not SQL. */
    public static List<TableUse> tables(String text) {
        if (!isStatement(text)) {
            return List.of();
        }
        List<String> tokens = tokens(text);
        Set<String> ctes = commonTableExpressions(tokens);
        List<TableUse> uses = new ArrayList<>();
        Deque<Boolean> selects = new ArrayDeque<>(List.of(true));
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            switch (t) {
                case "(" -> selects.push(false);
                case ")" -> {
                    if (selects.size() > 1) {
                        selects.pop();
                    }
                }
                case "select" -> {
                    selects.pop();
                    selects.push(true);
                }
                case "from" -> {
                    if (previous.equals("delete")) {
                        add(uses, ctes, name(tokens, i + 1), Mode.WRITE, "sql delete");
                    } else if (Boolean.TRUE.equals(selects.peek()) && !previous.equals("distinct")) {
                        list(tokens, i + 1, ctes, uses, Mode.READ, "sql select", true);
                    }
                }
                case "join", "using" -> {
                    int at = i + 1 < tokens.size() && tokens.get(i + 1).equals("lateral") ? i + 2 : i + 1;
                    if (!followedByParenthesis(tokens, at)) {
                        add(uses, ctes, name(tokens, at), Mode.READ, "sql select");
                    }
                }
                case "into" -> {
                    if (previous.equals("insert") || previous.equals("merge") || previous.equals("ignore")) {
                        String verb = previous.equals("merge") ? "sql merge" : "sql insert";
                        add(uses, ctes, name(tokens, i + 1), Mode.WRITE, verb);
                    }
                }
                case "update" -> {
                    if (!previous.equals("for") && !previous.equals("do") && !previous.equals("key")) {
                        updated(tokens, i + 1, ctes, uses);
                    }
                }
                case "truncate" -> {
                    int at = i + 1;
                    while (at < tokens.size() && (tokens.get(at).equals("table") || tokens.get(at).equals("only"))) {
                        at++;
                    }
                    list(tokens, at, ctes, uses, Mode.WRITE, "sql truncate", false);
                }
                default -> {
                }
            }
        }
        return uses;
    }

    /** {@code UPDATE [ONLY] t [[AS] alias] SET}: t is written. */
    private static void updated(List<String> tokens, int at, Set<String> ctes, List<TableUse> uses) {
        if (at < tokens.size() && tokens.get(at).equals("only")) {
            at++;
        }
        String table = name(tokens, at);
        if (table == null) {
            return;
        }
        int next = at + 1;
        if (next < tokens.size() && tokens.get(next).equals("as")) {
            next++;
        }
        if (next < tokens.size() && !tokens.get(next).equals("set") && name(tokens, next) != null) {
            next++;
        }
        if (next < tokens.size() && tokens.get(next).equals("set")) {
            add(uses, ctes, table, Mode.WRITE, "sql update");
        }
    }

    /** A list of tables with optional aliases ({@code from a x, b as y}); stops at anything else. */
    private static void list(List<String> tokens, int at, Set<String> ctes, List<TableUse> uses, Mode mode,
            String verb, boolean aliases) {
        while (at < tokens.size()) {
            String table = name(tokens, at);
            if (table == null || followedByParenthesis(tokens, at + 1) && mode == Mode.READ) {
                return;
            }
            add(uses, ctes, table, mode, verb);
            at++;
            if (aliases && at < tokens.size() && tokens.get(at).equals("as")) {
                at += 2;
            } else if (aliases && name(tokens, at) != null) {
                at++;
            }
            if (at >= tokens.size() || !tokens.get(at).equals(",")) {
                return;
            }
            at++;
        }
    }

    private static void add(List<TableUse> uses, Set<String> ctes, @Nullable String table, Mode mode, String verb) {
        if (table != null && !ctes.contains(table)) {
            uses.add(new TableUse(table, mode, verb));
        }
    }

    private static boolean followedByParenthesis(List<String> tokens, int at) {
        return at < tokens.size() && tokens.get(at).equals("(");
    }

    /** The table name at {@code at}: its last dotted segment, when it is a name and not a keyword; else null. */
    private static @Nullable String name(List<String> tokens, int at) {
        if (at >= tokens.size()) {
            return null;
        }
        String token = tokens.get(at);
        String last = token.substring(token.lastIndexOf('.') + 1);
        return NAME.matcher(last).matches() && !NOT_TABLES.contains(token) ? last : null;
    }

    /** {@code with recent as (...), other as (...)}: recent, other. */
    private static Set<String> commonTableExpressions(List<String> tokens) {
        Set<String> names = new HashSet<>();
        if (tokens.isEmpty() || !tokens.getFirst().equals("with")) {
            return names;
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i + 1).equals("as") && tokens.get(i + 2).equals("(") && name(tokens, i) != null) {
                names.add(tokens.get(i));
            }
        }
        return names;
    }

    /** Lower-case words (dotted names whole, quotes removed) and single punctuation; literals and comments dropped. */
    static List<String> tokens(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && s.startsWith("--", i)) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else if (c == '/' && s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '\'') {
                i = literalEnd(s, i);
                tokens.add("'");
            } else if (c == '"' || c == '`' || c == '[' || Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                StringBuilder word = new StringBuilder();
                while (i < s.length()) {
                    char w = s.charAt(i);
                    if (w == '"' || w == '`' || w == '[') {
                        char close = w == '[' ? ']' : w;
                        int end = s.indexOf(close, i + 1);
                        end = end < 0 ? s.length() : end;
                        word.append(s, i + 1, end);
                        i = Math.min(s.length(), end + 1);
                    } else if (Character.isLetterOrDigit(w) || w == '_' || w == '$' || w == '.') {
                        word.append(w);
                        i++;
                    } else {
                        break;
                    }
                }
                tokens.add(word.toString());
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    private static int literalEnd(String s, int start) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
