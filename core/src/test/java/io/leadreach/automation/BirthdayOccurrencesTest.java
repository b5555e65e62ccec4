package io.leadreach.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.Fixture;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.sending.SendWindow;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized: leads with random birthdays (leap days among them) in zones from UTC-11 to
 * UTC+14, and hourly runs over two years. Each lead fires exactly once in each local year, on a run
 * that falls on its birthday in its own zone (February 28 for a leap-day birthday in 2027).
 */
class BirthdayOccurrencesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Pacific/Pago_Pago"), ZoneId.of("America/Los_Angeles"),
            ZoneId.of("America/St_Johns"), ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Chatham"),
            ZoneId.of("Pacific/Kiritimati"));

    @Test
    void everyLeadFiresOnceAYearOnItsOwnBirthday() {
        long seed = Long.getLong("leadreach.seed", System.nanoTime());
        System.out.println("BirthdayOccurrencesTest seed " + seed + " (rerun with -Dleadreach.seed=" + seed + ")");
        Random random = new Random(seed);
        try (Fixture f = new Fixture(b -> b.sendWindow(SendWindow.always()))) {
            MessageTemplate t = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "bday",
                    TemplateCategory.GREETING, "Happy birthday {first_name}", null, true, 0, "admin", Fixture.NOON, null));
            Map<Long, Lead> leads = new HashMap<>();
            for (long id = 1; id <= 120; id++) {
                LocalDate birthday = id % 12 == 0 ? LocalDate.of(1996, Month.FEBRUARY, 29)
                        : LocalDate.ofEpochDay(random.nextInt(365 * 40)).withYear(1970 + random.nextInt(40));
                Lead lead = Lead.builder(id).name("Lead " + id).mobile(Fixture.mobile(id)).birthday(birthday)
                        .timeZone(ZONES.get(random.nextInt(ZONES.size()))).build();
                leads.put(id, lead);
                f.leads.put(lead);
            }
            f.leadReach.automation().createRule(Fixture.ADMIN, AutomationRuleSpec.builder().name("bday")
                    .trigger(AutomationTrigger.BIRTHDAY).templateId(t.id()).build());

            Map<Long, List<Instant>> firedAt = new HashMap<>();
            Instant end = Instant.parse("2029-01-01T00:00:00Z");
            for (Instant at = Instant.parse("2027-01-01T00:00:00Z"); at.isBefore(end); at = at.plus(Duration.ofHours(1))) {
                AutomationRun run = f.leadReach.automation().runDue(at);
                for (long campaignId : run.campaignIds()) {
                    for (long leadId : f.campaigns.find(campaignId).orElseThrow().target().leadIds()) {
                        firedAt.computeIfAbsent(leadId, k -> new ArrayList<>()).add(at);
                    }
                }
            }

            assertThat(firedAt).hasSize(leads.size());
            firedAt.forEach((id, times) -> {
                Lead lead = leads.get(id);
                // the hours run are 2027-2028 in UTC: a far zone's local 2026 or 2029 may peek in
                assertThat(times.stream().map(at -> at.atZone(lead.timeZone()).getYear()))
                        .as("lead %s born %s in %s", id, lead.birthday(), lead.timeZone())
                        .filteredOn(year -> year == 2027 || year == 2028).containsExactly(2027, 2028);
                assertThat(times.stream().map(at -> at.atZone(lead.timeZone()).getYear())).doesNotHaveDuplicates();
                for (Instant at : times) {
                    LocalDate local = at.atZone(lead.timeZone()).toLocalDate();
                    boolean leapDayInPlainYear = lead.birthday().getMonth() == Month.FEBRUARY
                            && lead.birthday().getDayOfMonth() == 29 && !local.isLeapYear();
                    LocalDate expected = leapDayInPlainYear ? LocalDate.of(local.getYear(), 2, 28)
                            : lead.birthday().withYear(local.getYear());
                    assertThat(local).as("lead %s born %s in %s, fired at %s", id, lead.birthday(), lead.timeZone(), at)
                            .isEqualTo(expected);
                }
            });
        }
    }
}
