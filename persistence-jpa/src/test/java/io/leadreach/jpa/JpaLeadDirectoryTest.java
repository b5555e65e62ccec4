package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract does not cover: start-up checks of the mapping, and reading every mapped field. */
class JpaLeadDirectoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aMissingAttributeFailsAtStartUpNamingIt() {
        LeadMapping typo = LeadMapping.forEntity(CrmLead.class).id("id").mobile("mobile").build();
        assertThatThrownBy(() -> new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.H2), typo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CrmLead has no attribute 'mobile' (mapped as MOBILE)")
                .hasMessageContaining("phone");
    }

    @Test
    void anAttributeOfTheWrongTypeFailsAtStartUp() {
        LeadMapping wrong = LeadMapping.forEntity(CrmLead.class).id("id").createdAt("fullName").build();
        assertThatThrownBy(() -> new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.H2), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CrmLead.fullName (mapped as CREATED_AT) has type java.lang.String");
    }

    @Test
    void aClassThatIsNotAnEntityFailsAtStartUp() {
        LeadMapping notAnEntity = LeadMapping.forEntity(String.class).id("id").build();
        assertThatThrownBy(() -> new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.H2), notAnEntity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an entity");
    }

    @Test
    void everyMappedFieldIsReadAndEnumsMatchIgnoringCase() {
        CrmDatabase.seed(TestDatabase.H2, List.of(Lead.builder(1).name("Ada").mobile("15555550001").status("new")
                .source("web").priority("high").createdAt(T0).attributes(Map.of("segment", "vip")).build()));
        JpaLeadDirectory directory = new JpaLeadDirectory(CrmDatabase.emf(TestDatabase.H2), CrmDatabase.MAPPING);
        assertThat(directory.findById(1)).hasValueSatisfying(l -> {
            assertThat(l.name()).isEqualTo("Ada");
            assertThat(l.priority()).isEqualTo("HIGH");
            assertThat(l.createdAt()).isEqualTo(T0);
            assertThat(l.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
            assertThat(l.attributes()).containsEntry("segment", "vip");
            assertThat(l.optedOut()).isFalse();
        });
        assertThat(directory.count(TargetCriteria.builder().priorities("High").build())).isEqualTo(1);
        assertThat(directory.count(TargetCriteria.builder().priorities("medium").build())).isZero();
        assertThat(directory.count(TargetCriteria.builder().attribute("unmapped", "x").build())).isZero();
        assertThat(directory.findByMobile("+15555550001")).extracting(Lead::id).containsExactly(1L);
    }
}
