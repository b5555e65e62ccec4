package io.leadreach.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.contract.MessageStoreContract;
import io.leadreach.message.MessageStore;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

/**
 * The MessageStore contract on MariaDB with the driver's bulk and rewritten batches turned on,
 * whose batched updates answer {@code SUCCESS_NO_INFO} instead of a row count: the batch moves
 * still answer what each move changed (the store then runs them one statement at a time).
 */
class MariaDbBulkBatchesMessageStoreTest extends MessageStoreContract {

    private static EntityManagerFactory emf;

    private static synchronized EntityManagerFactory emf() {
        if (emf == null) {
            HikariDataSource plain = TestDatabase.MARIADB.dataSource();
            HikariConfig c = new HikariConfig();
            c.setPoolName("leadreach-test-mariadb-bulk");
            c.setMaximumPoolSize(4);
            c.setJdbcUrl(plain.getJdbcUrl() + (plain.getJdbcUrl().contains("?") ? "&" : "?")
                    + "useBulkStmts=true&rewriteBatchedStatements=true");
            c.setUsername(plain.getUsername());
            c.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            HikariDataSource bulk = new HikariDataSource(c);
            Runtime.getRuntime().addShutdownHook(new Thread(bulk::close, "close-mariadb-bulk"));
            emf = LeadReachJpa.createEntityManagerFactory(bulk, Map.of());
        }
        return emf;
    }

    @Override
    protected MessageStore newStore() {
        TestDatabase.MARIADB.clear("lead_whatsapp_messages");
        return new JpaMessageStore(emf());
    }
}
