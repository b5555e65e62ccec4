package io.leadreach.jpa.internal;

import io.leadreach.StoreUnavailableException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each store call in its own short resource-local transaction on a fresh entity manager,
 * never joining the caller's. A transaction the database aborted to resolve a race (deadlock,
 * serialization failure) is run again a few times: every store call is one transaction, so
 * running it again is safe. A transaction that failed because the database could not be reached
 * is not run again here: it throws {@link StoreUnavailableException}, and the caller decides.
 */
public final class Tx {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);
    private static final int MAX_ATTEMPTS = 5;

    private final EntityManagerFactory emf;
    private volatile Dialect dialect;
    /** Whether the driver answered {@code SUCCESS_NO_INFO} for a batch: updates then run one at a time. */
    private volatile boolean batchCountsUnknown;

    public Tx(EntityManagerFactory emf) {
        this.emf = Objects.requireNonNull(emf, "entityManagerFactory");
    }

    /** Runs {@code work} in a transaction and returns its result. */
    public <T> T call(Function<EntityManager, T> work) {
        for (int attempt = 1; ; attempt++) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            try {
                tx.begin();
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                rollbackQuietly(tx, e);
                if (attempt < MAX_ATTEMPTS && SqlStates.isTransient(e)) {
                    LOG.debug("running a transaction again (attempt {}) after the database aborted it", attempt + 1, e);
                    pause(attempt);
                    continue;
                }
                if (SqlStates.isConnectionFailure(e)) {
                    throw new StoreUnavailableException("the database could not be reached: " + e.getMessage(), e);
                }
                throw e;
            } finally {
                em.close();
            }
        }
    }

    /** Binds one item's parameters; false when the item needs no statement (it changes nothing). */
    @FunctionalInterface
    public interface Binder<I> {
        /** Binds the parameters of {@code item} in order, or answers false to run no statement for it. */
        boolean bind(Parameters parameters, I item) throws SQLException;
    }

    /**
     * Runs {@code sql}, an {@code UPDATE}, once for every item, bound by {@code bind}, as one JDBC
     * batch in one transaction (one round trip where the driver pipelines batches), and says, per
     * item in list order, whether its update changed a row. The items run in key order, those of
     * one key in list order, each seeing the rows as the earlier ones left them: a batch locks rows
     * in key order, so concurrent batches do not deadlock, and the writes to one row keep their
     * order. An empty list makes no transaction. A driver that does not say how many rows each
     * batched update changed ({@code SUCCESS_NO_INFO}: MariaDB's bulk or rewritten batches, when
     * the host turns them on) has that transaction rolled back and run again with one execution
     * per item, and every later call runs that way.
     */
    public <I> List<Boolean> updateAllInKeyOrder(List<I> items, Function<I, String> key, String sql, Binder<I> bind) {
        if (items.isEmpty()) {
            return List.of();
        }
        int[] order = keyOrder(items, key);
        if (!batchCountsUnknown) {
            try {
                return call(em -> em.callWithConnection((Connection c) -> update(c, items, order, sql, bind, true)));
            } catch (RuntimeException e) {
                if (!countsUnknown(e)) {
                    throw e;
                }
                LOG.warn("the JDBC driver does not say how many rows each batched update changed (SUCCESS_NO_INFO):"
                        + " running batch updates one statement at a time from now on");
                batchCountsUnknown = true;
            }
        }
        return call(em -> em.callWithConnection((Connection c) -> update(c, items, order, sql, bind, false)));
    }

    private <I> List<Boolean> update(Connection c, List<I> items, int[] order, String sql, Binder<I> bind,
                                     boolean batch) throws SQLException {
        Boolean[] answers = new Boolean[items.size()];
        List<Integer> batched = new ArrayList<>(items.size());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Dialect d = dialect(c);
            for (int i : order) {
                if (!bind.bind(new Parameters(ps, d), items.get(i))) {
                    answers[i] = false;
                } else if (batch) {
                    ps.addBatch();
                    batched.add(i);
                } else {
                    answers[i] = ps.executeUpdate() > 0;
                }
            }
            int[] counts = batched.isEmpty() ? new int[0] : ps.executeBatch();
            if (counts.length != batched.size()) {
                throw new IllegalStateException("the JDBC driver answered " + counts.length + " update counts for "
                        + batched.size() + " updates");
            }
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == Statement.SUCCESS_NO_INFO) {
                    throw new BatchCountsUnknown();
                }
                answers[batched.get(k)] = counts[k] > 0;
            }
        }
        return List.of(answers);
    }

    /**
     * Inserts a row into {@code table} for every item, in {@code em}'s transaction, skipping the
     * rows a unique key already holds (a concurrent insert of the same row), and returns how many
     * it inserted. {@code row} is one row's {@code VALUES} tuple, such as {@code (?, ?, 'NEW')};
     * {@code bind} binds one item's parameters of it. No statement fails on a duplicate, so the
     * provider logs no error for a race the caller expects: PostgreSQL skips them with
     * {@code ON CONFLICT DO NOTHING}, MariaDB with {@code INSERT IGNORE} (the only error it turns
     * into a warning here is the duplicate: the values are the caller's own). H2 has neither: the
     * rows are inserted in one statement and, when a duplicate refuses it, one by one after a
     * savepoint, each duplicate rolled back to its own savepoint. Callers insert in key order, so
     * concurrent inserters wait for each other's rows without a deadlock.
     */
    public <I> int insertSkippingDuplicates(EntityManager em, String table, String columns, String row, List<I> items,
                                            Binder<I> bind) {
        if (items.isEmpty()) {
            return 0;
        }
        return em.callWithConnection((Connection c) -> {
            Dialect d = dialect(c);
            String into = " INTO " + table + " (" + columns + ") VALUES ";
            String values = String.join(", ", Collections.nCopies(items.size(), row));
            return switch (d) {
                case POSTGRESQL -> insert(c, d, "INSERT" + into + values + " ON CONFLICT DO NOTHING", items, bind);
                case MARIADB -> insert(c, d, "INSERT IGNORE" + into + values, items, bind);
                case H2 -> {
                    Integer all = insertOrUndo(c, d, "INSERT" + into + values, items, bind);
                    if (all != null) {
                        yield all;
                    }
                    int inserted = 0;
                    for (I item : items) {
                        Integer one = insertOrUndo(c, d, "INSERT" + into + row, List.of(item), bind);
                        inserted += one == null ? 0 : one;
                    }
                    yield inserted;
                }
            };
        });
    }

    /** The rows inserted, or null when a duplicate refused the statement, undone to a savepoint taken before it. */
    private static <I> Integer insertOrUndo(Connection c, Dialect d, String sql, List<I> items, Binder<I> bind)
            throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            return insert(c, d, sql, items, bind);
        } catch (SQLException e) {
            if (!SqlStates.isConstraintViolation(e)) {
                throw e;
            }
            c.rollback(before);
            return null;
        }
    }

    private static <I> int insert(Connection c, Dialect d, String sql, List<I> items, Binder<I> bind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters parameters = new Parameters(ps, d);
            for (I item : items) {
                bind.bind(parameters, item);
            }
            return ps.executeUpdate();
        }
    }

    /** Whether {@code e} is (or wraps: the provider wraps what a connection function throws) a {@link BatchCountsUnknown}. */
    private static boolean countsUnknown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchCountsUnknown) {
                return true;
            }
        }
        return false;
    }

    /** Thrown to roll back a batch whose driver did not say which updates changed a row. */
    private static final class BatchCountsUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BatchCountsUnknown() {
            super("the JDBC driver answered SUCCESS_NO_INFO for a batched update", null, false, false);
        }
    }

    private Dialect dialect(Connection c) throws SQLException {
        Dialect d = dialect;
        if (d == null) {
            d = Dialect.ofProductName(c.getMetaData().getDatabaseProductName());
            dialect = d;
        }
        return d;
    }

    private static <I> int[] keyOrder(List<I> items, Function<I, String> key) {
        return IntStream.range(0, items.size()).boxed()
                .sorted(Comparator.comparing(i -> key.apply(items.get(i)), Comparator.nullsFirst(Comparator.naturalOrder())))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Hibernate's hint for entities read only; other providers ignore hints they do not know. */
    private static final String READ_ONLY_HINT = "org.hibernate.readOnly";

    /** How many keys one {@code IN} list of {@link #findAllIn} holds. */
    public static final int IN_LIST_CHUNK = 500;

    /**
     * The lengths an {@code IN} list of {@link #findAllIn} is padded to: a query of each length is
     * translated once and then found in the provider's query plan cache, where a list parameter of
     * a new length is translated again for every call.
     */
    private static final int[] IN_LIST_LENGTHS = {8, 32, 128, IN_LIST_CHUNK};

    /**
     * The entities whose key matches one of these keys, by {@code jpql} (a query with an
     * {@code in :ids} condition), mapped and keyed by {@code keyOf}: one transaction, one query per
     * {@value #IN_LIST_CHUNK} keys, its {@code :ids} written as a list of single parameters padded
     * by repeating the last key ({@link #IN_LIST_LENGTHS}). The entities are read only (Hibernate's
     * {@value #READ_ONLY_HINT}: no snapshot to check at commit). Keys nothing matches are absent.
     */
    public <E, V> Map<String, V> findAllIn(Collection<String> keys, String jpql, Class<E> type, Function<E, V> map,
                                          Function<V, String> keyOf) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(keys));
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (!jpql.contains("in :ids")) {
            throw new IllegalArgumentException("the query has no 'in :ids' condition: " + jpql);
        }
        return call(em -> {
            Map<String, V> found = new HashMap<>();
            for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK));
                int length = paddedLength(chunk.size());
                TypedQuery<E> q = em.createQuery(jpql.replace("in :ids", "in " + inList("id", length)), type)
                        .setHint(READ_ONLY_HINT, true);
                for (int i = 0; i < length; i++) {
                    q.setParameter("id" + i, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                for (E e : q.getResultList()) {
                    V v = map.apply(e);
                    found.put(keyOf.apply(v), v);
                }
            }
            return found;
        });
    }

    /**
     * {@code (:name0, :name1, ...)}: an {@code IN} list of {@code size} single parameters. The
     * provider translates a query with such a list once and finds it in its query plan cache
     * after that, where it translates a query with a list parameter again on every call.
     */
    public static String inList(String name, int size) {
        StringBuilder list = new StringBuilder("(");
        for (int i = 0; i < size; i++) {
            list.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        return list.append(')').toString();
    }

    /** Binds {@code values}, in iteration order, to the parameters of {@link #inList inList(name, values.size())}. */
    public static void bindInList(Query query, String name, Collection<?> values) {
        int i = 0;
        for (Object v : values) {
            query.setParameter(name + i++, v);
        }
    }

    private static int paddedLength(int size) {
        for (int length : IN_LIST_LENGTHS) {
            if (size <= length) {
                return length;
            }
        }
        throw new IllegalArgumentException("more than " + IN_LIST_CHUNK + " keys in one IN list: " + size);
    }

    /** Whether the exception is a violated unique or integrity constraint. */
    public static boolean isConstraintViolation(Throwable e) {
        return SqlStates.isConstraintViolation(e);
    }

    private static void rollbackQuietly(EntityTransaction tx, RuntimeException cause) {
        try {
            if (tx.isActive()) {
                tx.rollback();
            }
        } catch (RuntimeException r) {
            cause.addSuppressed(r);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
