package io.leadreach.jpa.internal;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's buckets in a MariaDB/MySQL table, on Bucket4j's own select-for-update algorithm
 * ({@link AbstractSelectForUpdateBasedProxyManager}): this class supplies only the SQL. Bucket4j
 * ships such a module for PostgreSQL but none for MariaDB in the 8.14 line this project uses, so
 * the few statements live here, with the same table layout as the PostgreSQL one
 * ({@code id} string key, {@code state} bytes, {@code expires_at} epoch milliseconds).
 *
 * <ul>
 *   <li>read: {@code SELECT state ... FOR UPDATE} (waits for a node changing the same bucket);</li>
 *   <li>first use: {@code INSERT IGNORE} of an empty row, then Bucket4j starts again and locks it
 *       (a concurrent first use, or a deadlock InnoDB resolves, counts as "someone else inserted");</li>
 *   <li>write: {@code UPDATE ... SET state, expires_at};</li>
 *   <li>clean-up: {@code DELETE ... WHERE expires_at < now LIMIT n}.</li>
 * </ul>
 */
public final class MariaDbBucketProxyManager extends AbstractSelectForUpdateBasedProxyManager<String>
        implements ExpiredEntriesCleaner {

    private final DataSource dataSource;
    private final String select;
    private final String insert;
    private final String update;
    private final String remove;
    private final String removeExpired;
    private final Optional<CustomColumnProvider<String>> expiresAt;

    /**
     * Over this table of the data source's database, with these column names; {@code config}
     * carries the clock and the expiry strategy (which fills {@code expiresAtColumn}).
     */
    public MariaDbBucketProxyManager(DataSource dataSource, ClientSideConfig config, String table, String idColumn,
                                     String stateColumn, String expiresAtColumn) {
        super(config);
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.select = "SELECT " + stateColumn + " FROM " + table + " WHERE " + idColumn + " = ? FOR UPDATE";
        this.insert = "INSERT IGNORE INTO " + table + " (" + idColumn + ", " + stateColumn + ") VALUES (?, NULL)";
        this.expiresAt = config.getExpirationAfterWriteStrategy()
                .map(s -> CustomColumnProvider.createExpiresInColumnProvider(expiresAtColumn, s));
        this.update = "UPDATE " + table + " SET " + stateColumn + " = ?"
                + (expiresAt.isPresent() ? ", " + expiresAtColumn + " = ?" : "") + " WHERE " + idColumn + " = ?";
        this.remove = "DELETE FROM " + table + " WHERE " + idColumn + " = ?";
        this.removeExpired = "DELETE FROM " + table + " WHERE " + expiresAtColumn + " < ? LIMIT ?";
    }

    @Override
    public boolean isExpireAfterWriteSupported() {
        return true;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
        return new SelectForUpdateBasedTransaction() {
            @Override
            public void begin(Optional<Long> timeout) {
                try {
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void rollback() {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void commit(Optional<Long> timeout) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
                try (PreparedStatement s = connection.prepareStatement(select)) {
                    applyTimeout(s, timeout);
                    s.setString(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                    }
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public boolean tryInsertEmptyData(Optional<Long> timeout) {
                try (PreparedStatement s = connection.prepareStatement(insert)) {
                    applyTimeout(s, timeout);
                    s.setString(1, key);
                    return s.executeUpdate() > 0;
                } catch (SQLException e) {
                    if (SqlStates.isTransient(e)) {
                        return false;   // a concurrent first use: Bucket4j starts again in a new transaction
                    }
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
                try (PreparedStatement s = connection.prepareStatement(update)) {
                    applyTimeout(s, timeout);
                    int i = 1;
                    s.setBytes(i++, data);
                    if (expiresAt.isPresent()) {
                        expiresAt.get().setCustomField(key, i++, s, state, currentTimeNanos());
                    }
                    s.setString(i, key);
                    s.executeUpdate();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }

            @Override
            public void release() {
                try {
                    connection.close();
                } catch (SQLException e) {
                    throw new BucketExceptions.BucketExecutionException(e);
                }
            }
        };
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(remove)) {
            s.setString(1, key);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }

    @Override
    public int removeExpired(int batchSize) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(removeExpired)) {
            s.setLong(1, System.currentTimeMillis());
            s.setInt(2, batchSize);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new BucketExceptions.BucketExecutionException(e);
        }
    }
}
