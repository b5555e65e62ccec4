package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The migrations sit beside a host's own schema and its own Flyway history without touching them. */
class LeadReachJpaTest {

    @Test
    void migratingAHostSchemaLeavesItsTablesAndHistoryAloneAndIsRepeatable() throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:mem:host" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE leads (id BIGINT PRIMARY KEY, name VARCHAR(100))");
                s.execute("INSERT INTO leads VALUES (1, 'Ada')");
                s.execute("CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50))");
                s.execute("INSERT INTO flyway_schema_history VALUES (1, '7')");
                // The host's own db-scheduler table: LeadReach's tasks live in a table of their own.
                s.execute("CREATE TABLE scheduled_tasks (task_name VARCHAR(100), task_instance VARCHAR(100))");
                s.execute("INSERT INTO scheduled_tasks VALUES ('host-task', '1')");
            }

            assertThat(LeadReachJpa.migrate(ds)).isPositive();
            assertThat(LeadReachJpa.migrate(ds)).as("nothing left to run").isZero();

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT COUNT(*) FROM leads")).isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM lead_whatsapp_campaign_leads")).isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM scheduled_tasks")).isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM " + DbSchedulerEngineScheduler.TABLE)).isZero();
                assertThat(count(s, "SELECT COUNT(*) FROM \"" + LeadReachJpa.HISTORY_TABLE + "\"")).isPositive();
            }
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
