package io.leadreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Explicit lead ids alone are the targets; any other filter beside them still narrows them. */
class TargetCriteriaTest {

    private static final Instant AT = Instant.parse("2026-03-02T12:00:00Z");

    private static TargetCriteria.Builder ids() {
        return TargetCriteria.builder().leadIds(List.of(1L, 2L));
    }

    @Test
    void leadIdsAloneAreLeadIdsOnly() {
        assertThat(ids().build().isLeadIdsOnly()).isTrue();
        assertThat(TargetCriteria.all().isLeadIdsOnly()).isFalse();
    }

    @Test
    void everyOtherFilterBesideTheIdsStillNarrowsThem() {
        List<TargetCriteria> narrowed = List.of(
                ids().statuses("new").build(), ids().sources("web").build(), ids().priorities("high").build(),
                ids().createdFrom(AT).build(), ids().createdTo(AT).build(), ids().attribute("segment", "a").build(),
                ids().lastContactBefore(AT, false).build(), ids().birthdayOn(AT, ZoneOffset.UTC).build(),
                ids().anniversaryOn(AT, ZoneOffset.UTC).build(),
                ids().renewalBetween(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)).build());
        assertThat(narrowed).allSatisfy(t -> {
            assertThat(t.leadIds()).isEqualTo(Set.of(1L, 2L));
            assertThat(t.isLeadIdsOnly()).as("%s", t).isFalse();
        });
    }
}
