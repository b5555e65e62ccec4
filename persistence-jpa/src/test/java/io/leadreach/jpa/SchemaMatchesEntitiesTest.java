package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The migrated tables are what the entities expect: Hibernate's schema validation (what a Spring
 * Boot host with {@code ddl-auto=validate} runs over its persistence unit) accepts them.
 */
class SchemaMatchesEntitiesTest {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void hibernateValidatesTheMigratedSchema(TestDatabase db) {
        db.emf();
        assertThatCode(() -> LeadReachJpa.createEntityManagerFactory(db.dataSource(),
                Map.of("hibernate.hbm2ddl.auto", "validate")).close())
                .doesNotThrowAnyException();
    }

    @Test
    void theValidationNoticesAMissingColumn() throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:h2:mem:validate" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            LeadReachJpa.migrate(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE lead_whatsapp_templates DROP COLUMN binding_parameters");
            }
            assertThatThrownBy(() -> LeadReachJpa.createEntityManagerFactory(ds,
                    Map.of("hibernate.hbm2ddl.auto", "validate")).close())
                    .hasStackTraceContaining("binding_parameters");
        }
    }
}
