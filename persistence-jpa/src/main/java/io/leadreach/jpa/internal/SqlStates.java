package io.leadreach.jpa.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

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

    /**
     * Whether the database could not be reached: a lost or refused connection (SQL state class
     * 08, PostgreSQL's 57P01-57P03 shutdown states), or a pool that had no connection to give.
     */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
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
