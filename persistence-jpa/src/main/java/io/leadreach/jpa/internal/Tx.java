package io.leadreach.jpa.internal;

import io.leadreach.StoreUnavailableException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Comparator;
import java.util.List;
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

    /**
     * Hands {@code work} the indexes of {@code items} sorted by key, items of one key in list
     * order: a batch whose writes follow it locks rows in key order, so concurrent batches do not
     * deadlock, and the writes to one row keep their order. Empty lists are not handed on.
     */
    public static <I, R> List<R> inKeyOrder(List<I> items, Function<I, String> key, Function<int[], List<R>> work) {
        if (items.isEmpty()) {
            return List.of();
        }
        int[] order = IntStream.range(0, items.size()).boxed()
                .sorted(Comparator.comparing(i -> key.apply(items.get(i)), Comparator.nullsFirst(Comparator.naturalOrder())))
                .mapToInt(Integer::intValue).toArray();
        return work.apply(order);
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
