package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link LeadDirectory} passes. A subclass seeds the host's leads with
 * {@link #directoryWith(List)}.
 */
public abstract class LeadDirectoryContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected LeadDirectory directory;

    /** A directory holding exactly these leads. */
    protected abstract LeadDirectory directoryWith(List<Lead> leads);

    /** Whether {@link LeadDirectory#findByMobile} is supported (a capability flag). */
    protected boolean searchesByMobile() {
        return true;
    }

    protected static List<Lead> fixture() {
        List<Lead> leads = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            leads.add(Lead.builder(i)
                    .name("Lead " + i)
                    .mobile("+1555555" + String.format("%04d", i))
                    .status(i % 3 == 0 ? "qualified" : "new")
                    .source(i % 2 == 0 ? "web" : "referral")
                    .priority(i % 5 == 0 ? "high" : "low")
                    .createdAt(T0.plusSeconds(86_400L * i))
                    .attributes(i % 10 == 0 ? java.util.Map.of("segment", "vip") : java.util.Map.of())
                    .build());
        }
        return leads;
    }

    @BeforeEach
    void seed() {
        directory = directoryWith(fixture());
    }

    @Test
    void findsLeadsByIdAndIgnoresUnknownIds() {
        assertThat(directory.findById(3)).hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("Lead 3"));
        assertThat(directory.findById(999)).isEmpty();
        assertThat(directory.findByIds(List.of(1L, 2L, 999L))).extracting(Lead::id).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void countAgreesWithPaging() {
        TargetCriteria qualifiedFromWeb = TargetCriteria.builder().statuses("QUALIFIED").sources("web").build();
        List<Lead> paged = pageAll(qualifiedFromWeb, 4);
        assertThat(directory.count(qualifiedFromWeb)).isEqualTo(paged.size()).isEqualTo(8);
        assertThat(paged).extracting(Lead::id).isSorted().allMatch(id -> id % 6 == 0);
    }

    @Test
    void everyCriterionNarrowsTheTarget() {
        assertThat(directory.count(TargetCriteria.all())).isEqualTo(50);
        assertThat(directory.count(TargetCriteria.builder().priorities("high").build())).isEqualTo(10);
        assertThat(directory.count(TargetCriteria.builder().createdFrom(T0.plusSeconds(86_400L * 41)).build()))
                .isEqualTo(10);
        assertThat(directory.count(TargetCriteria.builder().createdTo(T0.plusSeconds(86_400L * 11)).build()))
                .isEqualTo(10);
        assertThat(directory.count(TargetCriteria.ofLeadIds(List.of(4L, 5L, 999L)))).isEqualTo(2);
        assertThat(directory.count(TargetCriteria.builder().attribute("segment", "vip").build())).isEqualTo(5);
    }

    @Test
    void pagingIsKeysetByAscendingId() {
        List<Lead> first = directory.page(TargetCriteria.all(), 0, 20);
        List<Lead> next = directory.page(TargetCriteria.all(), first.get(first.size() - 1).id(), 20);
        assertThat(first).extracting(Lead::id).startsWith(1L).isSorted().hasSize(20);
        assertThat(next).extracting(Lead::id).startsWith(21L).hasSize(20);
        assertThat(directory.page(TargetCriteria.all(), 50, 20)).isEmpty();
    }

    @Test
    void findsLeadsByMobile() {
        if (!searchesByMobile()) {
            return;
        }
        assertThat(directory.findByMobile("+15555550007")).extracting(Lead::id).containsExactly(7L);
        assertThat(directory.findByMobile("+15555559999")).isEmpty();
    }

    // ---------------------------------------------------------------- automation date criteria

    /** 2027-02-28 20:00 UTC: still February 28 in UTC and Los Angeles, already March 1 in Tokyo. */
    protected static final Instant FEB_28_EVENING = Instant.parse("2027-02-28T20:00:00Z");

    private static final java.time.ZoneId UTC = java.time.ZoneOffset.UTC;
    private static final java.time.ZoneId TOKYO = java.time.ZoneId.of("Asia/Tokyo");
    private static final java.time.ZoneId LOS_ANGELES = java.time.ZoneId.of("America/Los_Angeles");

    /** Leads with birthdays, anniversaries, renewal dates and contact times, each with a time zone. */
    protected static List<Lead> datedLeads() {
        java.time.LocalDate leapDay = java.time.LocalDate.of(1992, 2, 29);
        return List.of(
                dated(1, UTC).birthday(leapDay).build(),
                dated(2, TOKYO).birthday(java.time.LocalDate.of(1990, 3, 1)).build(),
                dated(3, UTC).birthday(java.time.LocalDate.of(1990, 3, 1)).build(),
                dated(4, TOKYO).birthday(java.time.LocalDate.of(1990, 2, 28)).build(),
                dated(5, TOKYO).birthday(leapDay).build(),
                dated(6, UTC).build(),
                dated(8, LOS_ANGELES).anniversary(java.time.LocalDate.of(2020, 2, 28)).build(),
                dated(9, LOS_ANGELES).anniversary(java.time.LocalDate.of(2027, 2, 28)).build(),
                dated(10, UTC).renewalDate(java.time.LocalDate.of(2027, 3, 5)).build(),
                dated(11, UTC).renewalDate(java.time.LocalDate.of(2027, 4, 1)).build(),
                dated(12, UTC).lastContactAt(FEB_28_EVENING.minus(java.time.Duration.ofDays(10))).build(),
                dated(13, UTC).lastContactAt(FEB_28_EVENING.minus(java.time.Duration.ofDays(1))).build(),
                dated(14, UTC).build());
    }

    private static Lead.Builder dated(long id, java.time.ZoneId zone) {
        return Lead.builder(id).name("Dated " + id).mobile("+1555555" + String.format("%04d", id)).status("new")
                .createdAt(T0).timeZone(zone);
    }

    @Test
    void birthdaysAndAnniversariesAreJudgedInTheLeadsOwnZone() {
        directory = directoryWith(datedLeads());
        TargetCriteria birthdays = TargetCriteria.builder().birthdayOn(FEB_28_EVENING, UTC).build();
        // 1: leap-day birthday on Feb 28 of 2027; 2: already March 1 in Tokyo
        assertThat(pageAll(birthdays, 1)).extracting(Lead::id).containsExactly(1L, 2L);
        assertThat(directory.count(birthdays)).isEqualTo(2);
        TargetCriteria anniversaries = TargetCriteria.builder().anniversaryOn(FEB_28_EVENING, UTC).build();
        assertThat(pageAll(anniversaries, 10)).extracting(Lead::id).containsExactly(8L);
        assertThat(directory.count(TargetCriteria.builder().birthdayOn(FEB_28_EVENING, UTC).statuses("other").build()))
                .isZero();
    }

    @Test
    void renewalRangesAndLastContactNarrowTheTarget() {
        directory = directoryWith(datedLeads());
        TargetCriteria renewals = TargetCriteria.builder()
                .renewalBetween(java.time.LocalDate.of(2027, 2, 28), java.time.LocalDate.of(2027, 3, 7)).build();
        assertThat(pageAll(renewals, 10)).extracting(Lead::id).containsExactly(10L);
        Instant fiveDaysAgo = FEB_28_EVENING.minus(java.time.Duration.ofDays(5));
        assertThat(pageAll(TargetCriteria.builder().lastContactBefore(fiveDaysAgo, false).build(), 10))
                .extracting(Lead::id).containsExactly(12L);
        TargetCriteria orNever = TargetCriteria.builder().leadIds(List.of(12L, 13L, 14L))
                .lastContactBefore(fiveDaysAgo, true).build();
        assertThat(pageAll(orNever, 10)).extracting(Lead::id).containsExactly(12L, 14L);
        assertThat(directory.count(orNever)).isEqualTo(2);
    }

    private List<Lead> pageAll(TargetCriteria criteria, int pageSize) {
        List<Lead> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Lead> page = directory.page(criteria, after, pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
