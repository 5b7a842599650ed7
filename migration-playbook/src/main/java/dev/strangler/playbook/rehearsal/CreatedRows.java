package dev.strangler.playbook.rehearsal;

import dev.strangler.extraction.Extraction;
import dev.strangler.extraction.TablePair;
import dev.strangler.extraction.TableSide;
import dev.strangler.playbook.lab.SqlNames;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows a rehearsal's load created, and whether each side holds them: a write the shop answered (201, an id)
 * that is missing in the monolith or in the service after the bridge caught up is a lost write.
 */
final class CreatedRows {

    private CreatedRows() {
    }

    /**
     * The ids the load created through the pair's owner route (the route that writes its rows: a POST to its path's
     * prefix answered with the row's id); none when the pair names no owner route.
     */
    static List<Long> through(Extraction extraction, TablePair pair, Map<String, List<Long>> createdByPath) {
        if (pair.ownerRoute() == null) {
            return List.of();
        }
        return extraction.route(pair.ownerRoute())
                .map(r -> createdByPath.getOrDefault(r.pathPrefix(), List.of()))
                .orElse(List.of());
    }

    /** How many of {@code ids} the side's table does not hold (by its key). */
    static long missing(String jdbcUrl, TableSide side, List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String key = SqlNames.quoted(side.key());
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement s = c.prepareStatement(
                "select " + key + " from " + SqlNames.quoted(side.table()) + " where " + key + " = any(?)")) {
            s.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            Set<Long> found = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
            return ids.stream().distinct().filter(id -> !found.contains(id)).count();
        } catch (SQLException e) {
            throw new IllegalArgumentException("could not read " + side.table() + ": " + e.getMessage());
        }
    }

}
