package io.leadreach.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.contract.LocalServer;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases the tests run on, each set up once per test run: a fresh schema (PostgreSQL) or
 * database (MariaDB) named for this run, migrated, with an entity manager factory over it, and
 * dropped when the JVM exits; H2 runs in memory. Tests empty the tables they use before each test,
 * so a second run (or a run beside another one) starts clean.
 *
 * <p>Servers: PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust auth) and MariaDB at
 * 127.0.0.1:3306 (database {@code test}, root without password); override with the system
 * properties {@code leadreach.test.pg.url}, {@code .pg.user}, {@code .mariadb.url},
 * {@code .mariadb.user}. When a server is not running, the tests that need it are skipped with a
 * message, or fail under {@code -Pall} (as in CI): see {@link LocalServer}.
 */
enum TestDatabase {
    H2, POSTGRESQL, MARIADB;

    private static final String RUN = "lr_jpa_" + Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    private HikariDataSource dataSource;
    private EntityManagerFactory emf;
    private RuntimeException setupFailure;

    /**
     * The entity manager factory over this database's migrated schema. A server that is not running
     * skips the calling test, or fails it under {@code -Pall} ({@link LocalServer}).
     */
    synchronized EntityManagerFactory emf() {
        if (emf == null) {
            switch (this) {
                case POSTGRESQL -> LocalServer.assumeDatabaseRunning("PostgreSQL", pgUrl(), 5432);
                case MARIADB -> LocalServer.assumeDatabaseRunning("MariaDB", mariadbUrl(), 3306);
                default -> { }
            }
        }
        if (setupFailure != null) {
            throw new IllegalStateException(name() + " could not be set up", setupFailure);
        }
        if (emf == null) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(this::close, "drop-" + name()));
                dataSource = createDataSource();
                LeadReachJpa.migrate(dataSource);
                emf = LeadReachJpa.createEntityManagerFactory(dataSource, Map.of());
            } catch (RuntimeException e) {
                setupFailure = e;
                throw e;
            }
        }
        return emf;
    }

    private static String pgUrl() {
        return System.getProperty("leadreach.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String mariadbUrl() {
        return System.getProperty("leadreach.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    }

    /** The data source of this database's schema. */
    HikariDataSource dataSource() {
        emf();
        return dataSource;
    }

    /** Deletes every row of these tables, in this order. */
    void clear(String... tables) {
        EntityManager em = emf().createEntityManager();
        try {
            em.getTransaction().begin();
            for (String t : tables) {
                em.createNativeQuery("DELETE FROM " + t).executeUpdate();
            }
            em.getTransaction().commit();
        } finally {
            em.close();
        }
    }

    private HikariDataSource createDataSource() {
        HikariConfig c = new HikariConfig();
        c.setPoolName("leadreach-test-" + name().toLowerCase(Locale.ROOT));
        c.setMaximumPoolSize(8);
        switch (this) {
            case H2 -> c.setJdbcUrl("jdbc:h2:mem:" + RUN + ";DB_CLOSE_DELAY=-1");
            case POSTGRESQL -> {
                String url = pgUrl();
                String user = System.getProperty("leadreach.test.pg.user", "postgres");
                execute(url, user, "CREATE SCHEMA " + RUN);
                c.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + RUN);
                c.setUsername(user);
            }
            case MARIADB -> {
                String url = mariadbUrl();
                String user = System.getProperty("leadreach.test.mariadb.user", "root");
                execute(url, user, "CREATE DATABASE " + RUN + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                c.setJdbcUrl(url.substring(0, url.lastIndexOf('/') + 1) + RUN);
                c.setUsername(user);
                // What the stores recommend on MariaDB: no gap locks between concurrent claimers.
                if (!Boolean.getBoolean("leadreach.test.mariadb.repeatableRead")) {
                    c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
                }
            }
            default -> throw new IllegalStateException();
        }
        return new HikariDataSource(c);
    }

    private synchronized void close() {
        if (this == H2) {
            return;
        }
        if (emf != null) {
            emf.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        try {
            dropSchema();
        } catch (RuntimeException e) {
            System.err.println("could not drop the test schema " + RUN + ": " + e.getMessage());
        }
    }

    private void dropSchema() {
        switch (this) {
            case POSTGRESQL -> execute(pgUrl(), System.getProperty("leadreach.test.pg.user", "postgres"),
                    "DROP SCHEMA IF EXISTS " + RUN + " CASCADE");
            case MARIADB -> execute(mariadbUrl(), System.getProperty("leadreach.test.mariadb.user", "root"),
                    "DROP DATABASE IF EXISTS " + RUN);
            default -> { }
        }
    }

    private static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }
}
