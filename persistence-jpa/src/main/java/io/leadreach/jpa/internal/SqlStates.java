package io.leadreach.jpa.internal;

import java.sql.SQLException;

/** Reads the SQL state behind a persistence exception, the same way on every database. */
final class SqlStates {

    private SqlStates() {
    }

    /** Whether a unique (or other integrity) constraint refused the change. */
    static boolean isConstraintViolation(Throwable e) {
        String state = sqlState(e);
        return state != null && state.startsWith("23");
    }

    /**
     * Whether the transaction lost a race the database resolved by aborting it (deadlock,
     * serialization failure, lock wait timeout), so running it again is the cure.
     */
    static boolean isTransient(Throwable e) {
        String state = sqlState(e);
        if (state != null && (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00"))) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == 1213 || s.getErrorCode() == 1205)
                    && !(state != null && state.startsWith("23"))) {
                return true; // MariaDB/MySQL deadlock and lock wait timeout
            }
        }
        return false;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                SQLException next = s;
                while (next != null) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                    next = next.getNextException();
                }
            }
        }
        return null;
    }
}
