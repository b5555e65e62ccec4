package io.leadreach.jpa.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

/**
 * Binds one row's parameters of a JDBC statement in order, values as the provider binds the same
 * entity attributes: an instant as UTC (a {@code TIMESTAMP WITH TIME ZONE} on PostgreSQL and H2, a
 * UTC wall time on MariaDB, as the migrations' columns hold them), an enum by its name.
 */
public final class Parameters {

    private final PreparedStatement statement;
    private final Dialect dialect;
    private int next = 1;

    Parameters(PreparedStatement statement, Dialect dialect) {
        this.statement = statement;
        this.dialect = dialect;
    }

    /** A whole number. */
    public Parameters number(long value) throws SQLException {
        statement.setLong(next++, value);
        return this;
    }

    /** A string, or null. */
    public Parameters string(String value) throws SQLException {
        if (value == null) {
            statement.setNull(next++, Types.VARCHAR);
        } else {
            statement.setString(next++, value);
        }
        return this;
    }

    /** An enum constant by its name, as {@code @Enumerated(EnumType.STRING)} stores it. */
    public Parameters name(Enum<?> value) throws SQLException {
        return string(value == null ? null : value.name());
    }

    /** 1 when true, else 0: a switch for a {@code CASE WHEN ? = 1} in the statement. */
    public Parameters flag(boolean value) throws SQLException {
        statement.setInt(next++, value ? 1 : 0);
        return this;
    }

    /** An instant, or null. */
    public Parameters instant(Instant value) throws SQLException {
        int i = next++;
        if (dialect == Dialect.MARIADB) {
            if (value == null) {
                statement.setNull(i, Types.TIMESTAMP);
            } else {
                statement.setTimestamp(i, Timestamp.from(value), Calendar.getInstance(TimeZone.getTimeZone("UTC")));
            }
        } else if (value == null) {
            statement.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(i, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
        return this;
    }
}
