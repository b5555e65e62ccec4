package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationRuleSpec;
import io.leadreach.automation.AutomationRun;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Follow-up automation end to end on the JPA stores and a host lead entity: each lead once per occurrence. */
class AutomationOnJpaStoresTest {

    private static final Instant EVENING = Instant.parse("2027-02-28T20:00:00Z"); // March 1 in Tokyo
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void updatingARuleDeletedMeanwhileIsNotFound(TestDatabase db) {
        db.clear("lead_whatsapp_templates", "lead_whatsapp_automation_fired", "lead_whatsapp_automation_rules");
        JpaAutomationStore real = new JpaAutomationStore(db.emf());
        java.util.concurrent.atomic.AtomicBoolean deleteAfterNextFind = new java.util.concurrent.atomic.AtomicBoolean();
        // Another user deletes the rule between the update's read and its write.
        io.leadreach.automation.AutomationStore racing = (io.leadreach.automation.AutomationStore)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {io.leadreach.automation.AutomationStore.class}, (proxy, m, args) -> {
                            Object result;
                            try {
                                result = m.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (m.getName().equals("find") && deleteAfterNextFind.getAndSet(false)) {
                                real.delete((Long) args[0]);
                            }
                            return result;
                        });
        MutableClock clock = new MutableClock(EVENING);
        JpaTemplateStore templates = new JpaTemplateStore(db.emf());
        try (LeadReach leadReach = LeadReach.builder().clock(clock).transport(new RecordingTransport())
                .leadDirectory(new io.leadreach.memory.InMemoryLeadDirectory()).templateStore(templates)
                .automationStore(racing).workQueue(new ManualWorkQueue(clock)).autoStart(false).build()) {
            MessageTemplate t = templates.save(new MessageTemplate(0, "greeting", TemplateCategory.GREETING,
                    "Hello {first_name}", null, true, 0, "admin", EVENING, null));
            AutomationRuleSpec spec = AutomationRuleSpec.builder().name("Birthday").trigger(AutomationTrigger.BIRTHDAY)
                    .templateId(t.id()).build();
            AutomationRule rule = leadReach.automation().createRule(ADMIN, spec);
            deleteAfterNextFind.set(true);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> leadReach.automation().updateRule(ADMIN,
                            rule.id(), AutomationRuleSpec.builder().name("Birthday, edited")
                                    .trigger(AutomationTrigger.BIRTHDAY).templateId(t.id()).build()))
                    .isInstanceOf(io.leadreach.NotFoundException.class);
            assertThat(real.find(rule.id())).as("not brought back").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void birthdayAndRenewalRulesFireOncePerOccurrenceOnTheDatabase(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs", "lead_whatsapp_templates", "lead_whatsapp_automation_fired",
                "lead_whatsapp_automation_rules");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        CrmDatabase.seed(db, List.of(
                lead(1, ZoneOffset.UTC).birthday(LocalDate.of(1992, 2, 29)).build(),
                lead(2, tokyo).birthday(LocalDate.of(1990, 3, 1)).build(),
                lead(3, ZoneOffset.UTC).birthday(LocalDate.of(1990, 3, 1)).build(),
                lead(4, ZoneOffset.UTC).renewalDate(LocalDate.of(2027, 3, 5)).build(),
                lead(5, ZoneOffset.UTC).renewalDate(LocalDate.of(2027, 3, 20)).build()));
        MutableClock clock = new MutableClock(EVENING);
        ManualWorkQueue queue = new ManualWorkQueue(clock);
        RecordingTransport transport = new RecordingTransport();
        JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
        JpaTemplateStore templates = new JpaTemplateStore(db.emf());
        try (LeadReach leadReach = LeadReach.builder()
                .clock(clock).transport(transport)
                .leadDirectory(new JpaLeadDirectory(CrmDatabase.emf(db), CrmDatabase.MAPPING))
                .campaignStore(campaigns).messageStore(new JpaMessageStore(db.emf()))
                .consentStore(new JpaConsentStore(db.emf())).templateStore(templates)
                .automationStore(new JpaAutomationStore(db.emf()))
                .rateLimiter(new InMemoryRateLimiter(clock)).workQueue(queue)
                .sending(SendingConfig.custom().enforceServiceWindow(false).sendWindow(SendWindow.always()).build())
                .autoStart(false).build()) {
            MessageTemplate t = templates.save(new MessageTemplate(0, "greeting", TemplateCategory.GREETING,
                    "Hello {first_name}", null, true, 0, "admin", EVENING, null));
            AutomationRule birthday = leadReach.automation().createRule(ADMIN, AutomationRuleSpec.builder()
                    .name("Birthday").trigger(AutomationTrigger.BIRTHDAY).templateId(t.id()).build());
            leadReach.automation().createRule(ADMIN, AutomationRuleSpec.builder()
                    .name("Renewal").trigger(AutomationTrigger.RENEWAL_DUE).days(7).templateId(t.id()).build());
            assertThat(leadReach.automation().getRule(ADMIN, birthday.id())).isEqualTo(birthday);

            assertThat(leadReach.automation().dryRun(EVENING)).extracting(p -> p.leadId())
                    .containsExactlyInAnyOrder(1L, 2L, 4L);
            AutomationRun run = leadReach.automation().runDue(EVENING);
            assertThat(run.leadsFired()).isEqualTo(3);
            assertThat(run.campaignIds()).hasSize(2).allSatisfy(id ->
                    assertThat(campaigns.find(id).orElseThrow().kind()).isEqualTo(CampaignKind.AUTOMATION));
            runUntil(queue, clock, Duration.ofMinutes(5), () -> run.campaignIds().stream()
                    .allMatch(id -> campaigns.find(id).orElseThrow().status() == CampaignStatus.COMPLETED));
            assertThat(transport.messages()).extracting(OutboundMessage::to)
                    .containsExactlyInAnyOrder(mobile(1), mobile(2), mobile(4));

            assertThat(leadReach.automation().runDue(EVENING.plus(Duration.ofHours(1))).leadsFired()).isZero();
            assertThat(leadReach.automation().dryRun(EVENING.plus(Duration.ofHours(1)))).isEmpty();
            // the next day: March 1 in UTC too
            assertThat(leadReach.automation().runDue(EVENING.plus(Duration.ofHours(12))).leadsFired()).isEqualTo(1);
        }
    }

    private static String mobile(long id) {
        return String.format("+1201555%04d", id);
    }

    private static Lead.Builder lead(long id, ZoneId zone) {
        return Lead.builder(id).name("Lead " + id).mobile(mobile(id)).status("new").source("web")
                .createdAt(EVENING.minus(Duration.ofDays(300))).timeZone(zone);
    }

    private static void runUntil(ManualWorkQueue queue, MutableClock clock, Duration horizon,
                                 java.util.function.BooleanSupplier done) {
        Instant end = clock.instant().plus(horizon);
        while (true) {
            queue.runDue();
            if (done.getAsBoolean()) {
                return;
            }
            Optional<Instant> next = queue.nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                clock.set(end);
                queue.runDue();
                return;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
        }
    }
}
