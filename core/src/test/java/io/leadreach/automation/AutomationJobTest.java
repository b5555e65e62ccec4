package io.leadreach.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.Fixture;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code automationInterval} makes the engine run due rules by itself, on its scheduler. */
class AutomationJobTest {

    @Test
    void theAutomationJobRunsDueRulesOnTheScheduler() {
        MutableClock clock = new MutableClock(Fixture.NOON.minus(Duration.ofHours(2)));
        ManualWorkQueue queue = new ManualWorkQueue(clock);
        RecordingTransport transport = new RecordingTransport();
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory().put(Lead.builder(1).name("Ada Lovelace")
                .mobile(Fixture.mobile(1)).status("new").timeZone(ZoneOffset.UTC)
                .createdAt(Fixture.NOON.minus(Duration.ofDays(400))).birthday(LocalDate.of(1990, 3, 2)).build());
        try (LeadReach lr = LeadReach.builder().clock(clock).transport(transport).leadDirectory(leads).workQueue(queue)
                .sending(SendingConfig.custom().sendWindow(SendWindow.always()).enforceServiceWindow(false).build())
                .automationInterval(Duration.ofHours(1)).build()) {
            MessageTemplate t = Access.wiring(lr).templates().save(new MessageTemplate(0, "birthday", TemplateCategory.GREETING,
                    "Happy birthday {first_name}!", null, true, 0, "admin", Fixture.NOON, null));
            lr.automation().createRule(Fixture.ADMIN, AutomationRuleSpec.builder().name("birthdays")
                    .trigger(AutomationTrigger.BIRTHDAY).templateId(t.id()).build());
            for (int minute = 0; minute < 4 * 60; minute++) {
                clock.advance(Duration.ofMinutes(1));
                queue.runDue();
            }
            List<Campaign> automated = Access.wiring(lr).campaigns().list(EnumSet.allOf(CampaignStatus.class)).stream()
                    .filter(c -> c.kind() == CampaignKind.AUTOMATION).toList();
            assertThat(automated).hasSize(1);   // hourly runs, but the birthday fires once
            assertThat(transport.sent()).hasSize(1);
        }
    }

    @Test
    void theAutomationJobNameIsReservedAndItsIntervalMustBePositive() {
        assertThatThrownBy(() -> LeadReach.builder().automationInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("automationInterval");
        assertThatThrownBy(() -> LeadReach.builder().transport(new RecordingTransport())
                .recurringJob(new RecurringJob(LeadReach.AUTOMATION_JOB, Duration.ofMinutes(1), () -> { })).build())
                .isInstanceOf(IllegalStateException.class);
    }
}
