package dev.strangler.cdc.apply;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which database errors are worth retrying: the database is unreachable, shutting down, out of resources, or the
 * transaction lost a serialization race or a deadlock. Constraint violations and bad data are not.
 */
public final class TransientErrors {

    private TransientErrors() {
    }

    public static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            // no state: the driver lost the connection mid-way (an I/O error)
            return e.getCause() instanceof java.io.IOException || e.getNextException() == null;
        }
        return state.startsWith("08") // connection exceptions
                || state.startsWith("53") // insufficient resources
                || state.startsWith("57P") // admin shutdown, crash shutdown, cannot connect now
                || state.equals("40001") // serialization failure
                || state.equals("40P01") // deadlock detected
                || state.equals("55P03"); // lock not available
    }
}
