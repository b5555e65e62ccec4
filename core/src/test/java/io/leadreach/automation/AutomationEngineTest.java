package io.leadreach.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.Fixture;
import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.sending.SendWindow;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.transport.MessageContent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each trigger, once per occurrence, through the ordinary campaign engine, with a clock the test moves. */
class AutomationEngineTest {

    private static final Actor ADMIN = Fixture.ADMIN;

    private Fixture f;
    private AutomationEngine automation;
    private MessageTemplate template;

    @BeforeEach
    void setUp() {
        f = new Fixture(b -> b.sendWindow(SendWindow.always()));
        automation = f.leadReach.automation();
        template = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "birthday", TemplateCategory.GREETING,
                "Happy birthday {first_name}!", null, true, 0, "admin", Fixture.NOON, null));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private Lead.Builder lead(long id) {
        return Lead.builder(id).name("Ada Lovelace " + id).mobile(Fixture.mobile(id)).status("new")
                .createdAt(Fixture.NOON.minus(Duration.ofDays(400))).timeZone(ZoneOffset.UTC);
    }

    private AutomationRule rule(AutomationTrigger trigger, Integer days) {
        return automation.createRule(ADMIN, AutomationRuleSpec.builder().name(trigger + " rule").trigger(trigger)
                .days(days).templateId(template.id()).build());
    }

    private AutomationRun runAt(Instant at) {
        f.clock.set(at);
        return automation.runDue(at);
    }

    /** The leads the automation campaigns were created for. */
    private List<Long> recipientsOf(List<Long> campaignIds) {
        return campaignIds.stream().flatMap(id -> f.campaigns.find(id).orElseThrow().target().leadIds().stream())
                .sorted().toList();
    }

    /** Materialises and sends what the automation campaigns hold. */
    private void sendAll() {
        f.runFor(Duration.ofMinutes(5));
    }

    // ---------------------------------------------------------------- birthdays and anniversaries

    @Test
    void aBirthdayFiresOnceAYearThroughACampaign() {
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).build(), lead(2).birthday(LocalDate.of(1990, 3, 3)).build());
        rule(AutomationTrigger.BIRTHDAY, null);

        AutomationRun run = runAt(Fixture.NOON);
        assertThat(run.leadsFired()).isEqualTo(1);
        assertThat(run.campaignIds()).hasSize(1);
        Campaign c = f.campaigns.find(run.campaignIds().get(0)).orElseThrow();
        assertThat(c.kind()).isEqualTo(CampaignKind.AUTOMATION);
        assertThat(c.createdBy()).isEqualTo(AutomationEngine.ACTOR_ID);
        sendAll();
        assertThat(f.transport.sent()).hasSize(1);
        assertThat(f.transport.sent().get(0).message().to()).isEqualTo(Fixture.mobile(1));
        assertThat(((MessageContent.Text) f.transport.sent().get(0).message().content()).body())
                .isEqualTo("Happy birthday Ada!");

        assertThat(runAt(Fixture.NOON.plus(Duration.ofHours(6))).leadsFired()).isZero();
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(1))).campaignIds())).containsExactly(2L);
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(365))).campaignIds())).containsExactly(1L);
    }

    @Test
    void aLargeRunIsSplitIntoCampaignsOfAtMostTheBulkLimit() {
        f.close();
        f = new Fixture(b -> b.sendWindow(SendWindow.always()).syncBulkLimit(1).maxBulkLeads(2));
        automation = f.leadReach.automation();
        template = Access.wiring(f.leadReach).templates().save(template.withId(0));
        for (int i = 1; i <= 5; i++) {
            f.leads.put(lead(i).birthday(LocalDate.of(1980 + i, 3, 2)).build());
        }
        rule(AutomationTrigger.BIRTHDAY, null);
        AutomationRun run = runAt(Fixture.NOON);
        assertThat(run.leadsFired()).isEqualTo(5);
        assertThat(run.campaignIds()).hasSize(3);
        assertThat(recipientsOf(run.campaignIds())).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void concurrentRunsOnSeveralNodesFireEachLeadOnce() throws Exception {
        for (int i = 1; i <= 300; i++) {
            f.leads.put(lead(i).birthday(LocalDate.of(1970 + i % 40, 3, 2)).build());
        }
        AutomationStore shared = new io.leadreach.memory.InMemoryAutomationStore();
        List<AutomationEngine> nodes = new java.util.ArrayList<>();
        for (int n = 0; n < 4; n++) {
            nodes.add(new io.leadreach.internal.DefaultAutomationEngine(Access.wiring(f.leadReach), f.leadReach.runner(),
                    shared));
        }
        nodes.get(0).createRule(ADMIN, AutomationRuleSpec.builder().name("bday").trigger(AutomationTrigger.BIRTHDAY)
                .templateId(template.id()).build());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<AutomationRun>> runs = new java.util.ArrayList<>();
            for (AutomationEngine node : nodes) {
                runs.add(pool.submit(() -> node.runDue(Fixture.NOON)));
            }
            List<Long> campaigns = new java.util.ArrayList<>();
            long fired = 0;
            for (java.util.concurrent.Future<AutomationRun> r : runs) {
                campaigns.addAll(r.get().campaignIds());
                fired += r.get().leadsFired();
            }
            assertThat(fired).isEqualTo(300);
            assertThat(recipientsOf(campaigns)).hasSize(300).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeapDayBirthdayFiresOnFebruary28InOtherYears() {
        f.leads.put(lead(1).birthday(LocalDate.of(2000, 2, 29)).build());
        rule(AutomationTrigger.BIRTHDAY, null);
        assertThat(runAt(Instant.parse("2027-02-28T12:00:00Z")).leadsFired()).isEqualTo(1);
        assertThat(runAt(Instant.parse("2027-03-01T12:00:00Z")).leadsFired()).isZero();
        assertThat(runAt(Instant.parse("2028-02-28T12:00:00Z")).leadsFired()).isZero();
        assertThat(runAt(Instant.parse("2028-02-29T12:00:00Z")).leadsFired()).isEqualTo(1);
    }

    @Test
    void aBirthdayIsJudgedInTheLeadsOwnZone() {
        Instant evening = Instant.parse("2026-03-01T20:00:00Z"); // already March 2, 10:00 in Kiritimati (UTC+14)
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).timeZone(ZoneId.of("Pacific/Kiritimati")).build(),
                lead(2).birthday(LocalDate.of(1990, 3, 2)).build(),
                lead(3).birthday(LocalDate.of(1990, 3, 1)).timeZone(null).build()); // the default zone, UTC
        rule(AutomationTrigger.BIRTHDAY, null);
        assertThat(recipientsOf(runAt(evening).campaignIds())).containsExactly(1L, 3L);
        assertThat(recipientsOf(runAt(evening.plus(Duration.ofHours(8))).campaignIds())).containsExactly(2L);
    }

    @Test
    void anAnniversaryFiresOnItsDayButNotInItsFirstYear() {
        f.leads.put(lead(1).anniversary(LocalDate.of(2020, 3, 2)).build(),
                lead(2).anniversary(LocalDate.of(2026, 3, 2)).build());
        rule(AutomationTrigger.ANNIVERSARY, null);
        assertThat(recipientsOf(runAt(Fixture.NOON).campaignIds())).containsExactly(1L);
    }

    // ---------------------------------------------------------------- renewals, contact, replies, cold leads

    @Test
    void aRenewalFiresOnceWithinItsDaysBefore() {
        f.leads.put(lead(1).renewalDate(LocalDate.of(2026, 3, 9)).build(),
                lead(2).renewalDate(LocalDate.of(2026, 3, 10)).build(),
                lead(3).renewalDate(LocalDate.of(2026, 3, 1)).build());
        rule(AutomationTrigger.RENEWAL_DUE, 7);
        assertThat(recipientsOf(runAt(Fixture.NOON).campaignIds())).containsExactly(1L);
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(1))).campaignIds())).containsExactly(2L);
        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(2))).leadsFired()).isZero();
        // a new renewal date is a new occurrence
        f.leads.put(lead(1).renewalDate(LocalDate.of(2026, 3, 11)).build());
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(2))).campaignIds())).containsExactly(1L);
    }

    @Test
    void daysSinceLastContactFiresAgainOnlyAfterNewContact() {
        f.leads.put(lead(1).lastContactAt(Fixture.NOON.minus(Duration.ofDays(6))).build(),
                lead(2).lastContactAt(Fixture.NOON.minus(Duration.ofDays(2))).build(),
                lead(3).build());
        rule(AutomationTrigger.DAYS_SINCE_LAST_CONTACT, 5);
        assertThat(recipientsOf(runAt(Fixture.NOON).campaignIds())).containsExactly(1L);
        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(1))).leadsFired()).isZero();
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(4))).campaignIds())).containsExactly(2L);
        f.leads.put(lead(1).lastContactAt(Fixture.NOON.plus(Duration.ofDays(4))).build());
        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(8))).leadsFired()).isZero();
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(10))).campaignIds())).containsExactly(1L);
    }

    @Test
    void noReplyFiresForLeadsWhoDidNotWriteBackAndNotOnItsOwnFollowUp() {
        f.withLeads(3);
        f.service().sendSingleMessage(ADMIN, 1, "Your quote is ready", null);
        f.service().sendSingleMessage(ADMIN, 2, "Your quote is ready", null);
        f.clock.set(Fixture.NOON.plus(Duration.ofDays(1)));
        f.inbound(2, "Thanks, looking at it");
        rule(AutomationTrigger.NO_REPLY_AFTER_DAYS, 3);

        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(2))).leadsFired()).isZero();
        AutomationRun run = runAt(Fixture.NOON.plus(Duration.ofDays(4)));
        assertThat(recipientsOf(run.campaignIds())).containsExactly(1L);
        sendAll();
        assertThat(f.transport.sent()).hasSize(3);
        // the follow-up itself is not "new contact": no chain of follow-ups
        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(9))).leadsFired()).isZero();
        // a new message from a person is
        f.service().sendSingleMessage(ADMIN, 1, "Any questions?", null);
        assertThat(recipientsOf(runAt(Fixture.NOON.plus(Duration.ofDays(13))).campaignIds())).containsExactly(1L);
    }

    @Test
    void aColdLeadIsOneWithNoActivityAtAll() {
        f.leads.put(lead(1).build(),                                                      // created 400 days ago
                lead(2).createdAt(Fixture.NOON.minus(Duration.ofDays(10))).build(),        // too new
                lead(3).lastContactAt(Fixture.NOON.minus(Duration.ofDays(3))).build(),     // contacted lately
                lead(4).build());                                                          // messaged lately
        Access.wiring(f.leadReach).messages().save(new io.leadreach.message.LeadMessage(0, 4, Fixture.mobile(4), "Hi",
                null, io.leadreach.message.MessageStatus.SENT, "admin", null, null, "wamid.x", null, null, null, 1,
                Fixture.NOON.minus(Duration.ofDays(5)), Fixture.NOON.minus(Duration.ofDays(5)), null, null, null, null));
        rule(AutomationTrigger.COLD_LEAD, 30);
        assertThat(recipientsOf(runAt(Fixture.NOON).campaignIds())).containsExactly(1L);
        assertThat(runAt(Fixture.NOON.plus(Duration.ofDays(1))).leadsFired()).isZero();
    }

    // ---------------------------------------------------------------- status changes

    @Test
    void aStatusChangeFiresMatchingRulesOncePerChange() {
        f.leads.put(lead(1).source("web").build(), lead(2).source("referral").build());
        automation.createRule(ADMIN, AutomationRuleSpec.builder().name("Qualified").trigger(AutomationTrigger.STATUS_CHANGED)
                .fromStatus("new").toStatus("qualified").templateId(template.id())
                .criteria(TargetCriteria.builder().sources("web").build()).build());
        Instant at = Fixture.NOON.plusSeconds(30);
        assertThat(recipientsOf(automation.leadStatusChanged(1, "NEW", "Qualified", at))).containsExactly(1L);
        assertThat(automation.leadStatusChanged(1, "new", "qualified", at)).isEmpty();       // the same change again
        assertThat(automation.leadStatusChanged(1, "contacted", "qualified", at.plusSeconds(5))).isEmpty();
        assertThat(automation.leadStatusChanged(2, "new", "qualified", at)).isEmpty();        // outside the criteria
        assertThat(automation.leadStatusChanged(1, "new", "qualified", at.plusSeconds(60))).hasSize(1);
        assertThat(runAt(Fixture.NOON).leadsFired()).isZero();                                 // not a timed rule
    }

    // ---------------------------------------------------------------- the engine's rules apply; bad rules

    @Test
    void anOptedOutLeadIsSkippedByTheCampaignEngine() {
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).build(), lead(2).birthday(LocalDate.of(1991, 3, 2)).build());
        f.consent.optOut(Fixture.mobile(1), "keyword", Fixture.NOON.minus(Duration.ofDays(1)));
        rule(AutomationTrigger.BIRTHDAY, null);
        AutomationRun run = runAt(Fixture.NOON);
        sendAll();
        List<CampaignRecipient> recipients = f.campaigns.recipients(run.campaignIds().get(0), 0, 10);
        assertThat(recipients).filteredOn(r -> r.leadId() == 1).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RecipientStatus.SKIPPED);
            assertThat(r.skipReason()).isEqualTo(SkipReason.OPTED_OUT);
        });
        assertThat(f.transport.sent()).extracting(s -> s.message().to()).containsExactly(Fixture.mobile(2));
    }

    @Test
    void anInactiveRuleIsIgnored() {
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).build());
        automation.createRule(ADMIN, AutomationRuleSpec.builder().name("off").trigger(AutomationTrigger.BIRTHDAY)
                .templateId(template.id()).active(false).build());
        AutomationRun run = runAt(Fixture.NOON);
        assertThat(run.rulesRun()).isZero();
        assertThat(run.leadsFired()).isZero();
        assertThat(automation.dryRun(Fixture.NOON)).isEmpty();
    }

    @Test
    void zeroOrNegativeDaysAreRefusedNamingTheField() {
        for (int days : new int[] {0, -3}) {
            assertThatThrownBy(() -> rule(AutomationTrigger.COLD_LEAD, days))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.errors()).extracting(ValidationException.FieldError::field).containsExactly("days");
                        assertThat(e.hasCode("not_positive")).isTrue();
                    });
        }
        assertThatThrownBy(() -> rule(AutomationTrigger.RENEWAL_DUE, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasCode("required")).isTrue());
        assertThat(automation.listRules(ADMIN, false)).isEmpty();
    }

    @Test
    void aRuleNeedsAnExistingActiveTemplate() {
        assertThatThrownBy(() -> automation.createRule(ADMIN, AutomationRuleSpec.builder().name("x")
                .trigger(AutomationTrigger.BIRTHDAY).templateId(999L).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasCode("unknown_template")).isTrue());
        MessageTemplate off = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "off", TemplateCategory.GREETING,
                "Hi", null, false, 0, "admin", Fixture.NOON, null));
        assertThatThrownBy(() -> automation.createRule(ADMIN, AutomationRuleSpec.builder().name("x")
                .trigger(AutomationTrigger.BIRTHDAY).templateId(off.id()).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasCode("inactive_template")).isTrue());
        assertThatThrownBy(() -> automation.createRule(ADMIN, AutomationRuleSpec.builder().name(" ")
                .trigger(AutomationTrigger.STATUS_CHANGED).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field)
                        .containsExactlyInAnyOrder("name", "toStatus", "templateId"));
    }

    @Test
    void aRuleWhoseTemplateWasDeletedOrDeactivatedIsSkippedNotFatal() {
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).build());
        rule(AutomationTrigger.BIRTHDAY, null);
        MessageTemplate other = Access.wiring(f.leadReach).templates().save(new MessageTemplate(0, "other",
                TemplateCategory.GREETING, "Hello {name}", null, true, 0, "admin", Fixture.NOON, null));
        automation.createRule(ADMIN, AutomationRuleSpec.builder().name("other").trigger(AutomationTrigger.BIRTHDAY)
                .templateId(other.id()).build());
        Access.wiring(f.leadReach).templates().delete(template.id());
        Access.wiring(f.leadReach).templates().save(new MessageTemplate(other.id(), "other", TemplateCategory.GREETING,
                "Hello {name}", null, false, 0, "admin", Fixture.NOON, null));

        AutomationRun run = runAt(Fixture.NOON);
        assertThat(run.rulesSkipped()).isEqualTo(2);
        assertThat(run.leadsFired()).isZero();
        assertThat(automation.dryRun(Fixture.NOON)).isEmpty();
    }

    // ---------------------------------------------------------------- dry run, CRUD and permissions

    @Test
    void aDryRunSaysWhoGetsWhatAndRecordsNothing() {
        f.leads.put(lead(1).birthday(LocalDate.of(1990, 3, 2)).build(), lead(2).birthday(LocalDate.of(1991, 3, 2)).build());
        f.consent.optOut(Fixture.mobile(2), "keyword", Fixture.NOON.minus(Duration.ofDays(1)));
        AutomationRule r = rule(AutomationTrigger.BIRTHDAY, null);
        assertThat(automation.dryRun(Fixture.NOON))
                .containsExactly(new AutomationPreview(r.id(), r.name(), 1, "Happy birthday Ada!"));
        assertThat(automation.dryRun(Fixture.NOON)).hasSize(1);
        assertThat(runAt(Fixture.NOON).leadsFired()).isEqualTo(2);
        assertThat(automation.dryRun(Fixture.NOON)).isEmpty();
    }

    @Test
    void aDryRunOfOneRuleBeingEditedCountsItsLeadsSamplesTheirMessagesAndRecordsNothing() {
        for (int i = 1; i <= 4; i++) {
            f.leads.put(lead(i).birthday(LocalDate.of(1990, 3, 2)).build());
        }
        f.leads.put(lead(5).birthday(LocalDate.of(1990, 3, 3)).build());
        f.consent.optOut(Fixture.mobile(4), "keyword", Fixture.NOON.minus(Duration.ofDays(1)));
        AutomationRuleSpec unsaved = AutomationRuleSpec.builder().trigger(AutomationTrigger.BIRTHDAY)
                .templateId(template.id()).build();

        AutomationDryRun dry = automation.dryRun(ADMIN, unsaved, null, Fixture.NOON, 2);
        assertThat(dry.leads()).isEqualTo(3);
        assertThat(dry.optedOut()).isEqualTo(1);
        assertThat(dry.alreadyFired()).isZero();
        assertThat(dry.complete()).isFalse();
        assertThat(dry.sample()).extracting(AutomationPreview::leadId).containsExactly(1L, 2L);
        assertThat(dry.sample().get(0).text()).isEqualTo("Happy birthday Ada!");
        assertThat(automation.listRules(ADMIN, false)).isEmpty();

        // The saved rule, once run, leaves out what it already fired.
        AutomationRule saved = rule(AutomationTrigger.BIRTHDAY, null);
        runAt(Fixture.NOON);
        AutomationDryRun again = automation.dryRun(ADMIN, unsaved, saved.id(), Fixture.NOON, 10);
        assertThat(again.leads()).isZero();
        assertThat(again.alreadyFired()).isEqualTo(4);
        assertThat(f.transport.sent()).isEmpty(); // the run created campaigns; the dry runs sent nothing
    }

    @Test
    void aDryRunChecksTheRuleAndThePermission() {
        assertThatThrownBy(() -> automation.dryRun(ADMIN, AutomationRuleSpec.builder()
                .trigger(AutomationTrigger.COLD_LEAD).days(0).templateId(999L).build(), null, Fixture.NOON, 5))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field).containsExactlyInAnyOrder("days", "templateId"));
        AutomationRuleSpec ok = AutomationRuleSpec.builder().trigger(AutomationTrigger.STATUS_CHANGED).toStatus("won")
                .templateId(template.id()).build();
        assertThat(automation.dryRun(ADMIN, ok, null, Fixture.NOON, 5).eventDriven()).isTrue();
        assertThatThrownBy(() -> automation.dryRun(ADMIN, ok, 12345L, Fixture.NOON, 5))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> automation.dryRun(Actor.of("viewer", Permission.CAMPAIGN_VIEW), ok, null,
                Fixture.NOON, 5)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void rulesAreManagedWithTheCampaignPermissions() {
        Actor viewer = Actor.of("viewer", Permission.CAMPAIGN_VIEW);
        AutomationRule r = rule(AutomationTrigger.COLD_LEAD, 30);
        assertThat(automation.getRule(viewer, r.id())).isEqualTo(r);
        assertThat(automation.listRules(viewer, true)).containsExactly(r);
        assertThatThrownBy(() -> automation.createRule(viewer, AutomationRuleSpec.builder().build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> automation.deleteRule(viewer, r.id())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> automation.listRules(Actor.of("nobody"), false))
                .isInstanceOf(PermissionDeniedException.class);

        f.clock.set(Fixture.NOON.plusSeconds(60));
        AutomationRule updated = automation.updateRule(ADMIN, r.id(), AutomationRuleSpec.builder().name("Colder")
                .trigger(AutomationTrigger.COLD_LEAD).days(60).templateId(template.id()).active(false).build());
        assertThat(updated.createdAt()).isEqualTo(r.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(Fixture.NOON.plusSeconds(60));
        assertThat(updated.days()).isEqualTo(60);
        assertThat(automation.listRules(ADMIN, true)).isEmpty();
        automation.deleteRule(ADMIN, r.id());
        assertThatThrownBy(() -> automation.getRule(ADMIN, r.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> automation.deleteRule(ADMIN, r.id())).isInstanceOf(NotFoundException.class);
    }
}
