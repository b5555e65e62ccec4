package io.leadreach;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.sending.JobProgress;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.SendOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LeadWhatsAppServiceTest {

    private Fixture f;

    @BeforeEach
    void setUp() {
        f = new Fixture().withLeads(30);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private LeadWhatsAppService service() {
        return f.service();
    }

    /** Asserts the call fails with a validation error of this code, and that nothing was stored or sent. */
    private void refused(ThrowingCallable call, String code) {
        int messagesBefore = f.messages.findByLead(1, 100).size();
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(ValidationException.FieldError::code).contains(code));
        assertThat(f.transport.count()).as("nothing sent").isZero();
        assertThat(f.messages.findByLead(1, 100)).as("nothing stored").hasSize(messagesBefore);
        assertThat(service().listCampaigns(ADMIN, java.util.Set.of())).as("no campaign").isEmpty();
    }

    @Nested
    class SingleSend {

        @Test
        void sendsAndRecordsTheOutcomeAtOnce() {
            SendResult result = service().sendSingleMessage(ADMIN, 5, "Hello {name}", null);
            assertThat(result.isAccepted()).isTrue();
            assertThat(result.providerMessageId()).startsWith("wamid.");
            LeadMessage m = f.messages.findById(result.messageId()).orElseThrow();
            assertThat(m.status()).isEqualTo(MessageStatus.SENT);
            assertThat(m.body()).isEqualTo("Hello Lead 5");
            assertThat(m.sentBy()).isEqualTo("admin");
            assertThat(m.rawResponse()).isEqualTo("{}");
            assertThat(m.mobile()).isEqualTo(Fixture.mobile(5));
            assertThat(f.transport.messages()).singleElement().satisfies(out -> {
                assertThat(out.correlationId()).isEqualTo("lr-m" + m.id());
                assertThat(out.content()).isEqualTo(new MessageContent.Text("Hello Lead 5", false));
            });
        }

        @Test
        void aRefusalIsRecordedWithTheProvidersError() {
            f.transport.failNext(1, new SendOutcome.Rejected(ErrorClass.PERMANENT, "131026", "undeliverable", null,
                    "{\"error\":{\"code\":131026}}"));
            SendResult result = service().sendSingleMessage(ADMIN, 5, "Hi", null);
            assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(result.errorCode()).isEqualTo("131026");
            assertThat(f.messages.findById(result.messageId()).orElseThrow().rawResponse()).contains("131026");
        }

        @Test
        void anUnknownOutcomeStaysQueuedForTheStatusEvent() {
            f.transport.failNext(1, new SendOutcome.Unknown("reset after write"));
            SendResult result = service().sendSingleMessage(ADMIN, 5, "Hi", null);
            assertThat(result.status()).isEqualTo(MessageStatus.QUEUED);
            assertThat(result.errorCode()).isEqualTo("UNKNOWN_OUTCOME");
        }

        @Test
        void anAttachmentIsSentAsMediaWithTheMessageAsCaption() {
            SendResult result = service().sendSingleMessage(ADMIN, 5, "Your quote", TestFiles.pdf("quote.pdf"));
            assertThat(result.isAccepted()).isTrue();
            MessageContent.Media media = (MessageContent.Media) f.transport.messages().get(0).content();
            assertThat(media.caption()).isEqualTo("Your quote");
            assertThat(media.file().attachment().filename()).isEqualTo("quote.pdf");
            assertThat(f.messages.findById(result.messageId()).orElseThrow().attachment()).isNotNull();
        }

        @Test
        void aSecondMessageToTheSameLeadWithinSixSecondsIsThrottled() {
            service().sendSingleMessage(ADMIN, 5, "one", null);
            assertThatThrownBy(() -> service().sendSingleMessage(ADMIN, 5, "two", null))
                    .isInstanceOfSatisfying(ThrottledException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(6)));
            f.clock.advance(Duration.ofSeconds(6));
            assertThat(service().sendSingleMessage(ADMIN, 5, "two", null).isAccepted()).isTrue();
        }

        @Test
        void quietHoursRefuseWithTheTimeToWait() {
            f.clock.set(Instant.parse("2026-03-02T23:00:00Z"));
            assertThatThrownBy(() -> service().sendSingleMessage(ADMIN, 5, "late", null))
                    .isInstanceOfSatisfying(ThrottledException.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(10)));
            assertThat(f.transport.count()).isZero();
        }

        @Test
        void blankMessage() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "  ", null), "blank");
        }

        @Test
        void messageOf4097Characters() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "x".repeat(4097), null), "too_long");
            assertThat(service().sendSingleMessage(ADMIN, 1, "x".repeat(4096), null).isAccepted()).isTrue();
        }

        @Test
        void controlCharacters() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi\u0007there", null), "control_characters");
        }

        @Test
        void unknownTemplateVariable() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi {nmae}", null), "unknown_variable");
        }

        @Test
        void unknownLead() {
            assertThatThrownBy(() -> service().sendSingleMessage(ADMIN, 999, "Hi", null))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("lead"));
            assertThat(f.transport.count()).isZero();
        }

        @Test
        void malformedInvalidAndLandlineNumbers() {
            f.leads.put(Lead.builder(101).name("Malformed").mobile("call me maybe").build());
            f.leads.put(Lead.builder(102).name("Invalid").mobile("+1 000 000 0000").build());
            f.leads.put(Lead.builder(103).name("Landline").mobile("+44 20 7946 0018").build());
            f.leads.put(Lead.builder(104).name("Missing").build());
            refused(() -> service().sendSingleMessage(ADMIN, 101, "Hi", null), "malformed");
            refused(() -> service().sendSingleMessage(ADMIN, 102, "Hi", null), "invalid");
            refused(() -> service().sendSingleMessage(ADMIN, 103, "Hi", null), "not_mobile");
            assertThatThrownBy(() -> service().sendSingleMessage(ADMIN, 104, "Hi", null))
                    .isInstanceOf(ValidationException.class);
        }

        @Test
        void optedOutLead() {
            f.consent.optOut(Fixture.mobile(1), "keyword", f.clock.instant());
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi", null), "opted_out");
        }

        @Test
        void attachmentTooLarge() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi", TestFiles.pdfOfSize("big.pdf", 5 * 1024 * 1024 + 1)),
                    "too_large");
        }

        @Test
        void anExecutableNamedPdf() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi", TestFiles.executable("invoice.pdf")),
                    "type_not_allowed");
        }

        @Test
        void aFilenameWithPathTraversal() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "Hi", TestFiles.pdf("../../etc/passwd.pdf")),
                    "bad_filename");
        }

        @Test
        void aCaptionLongerThan1024WithAnAttachment() {
            refused(() -> service().sendSingleMessage(ADMIN, 1, "x".repeat(1025), TestFiles.pdf("a.pdf")), "too_long");
        }

        @Test
        void anActorWithoutThePermission() {
            Actor viewer = Actor.of("viewer", Permission.CAMPAIGN_VIEW);
            assertThatThrownBy(() -> service().sendSingleMessage(viewer, 1, "Hi", null))
                    .isInstanceOfSatisfying(PermissionDeniedException.class,
                            e -> assertThat(e.permission()).isEqualTo(Permission.SEND));
            assertThat(f.transport.count()).isZero();
        }
    }

    @Nested
    class BulkSend {

        @Test
        void upToTenLeadsAreAnsweredPerLeadAndDuplicatesSentOnce() {
            BulkSendResult result = service().sendBulkMessages(ADMIN, List.of(1L, 2L, 3L, 2L, 1L), "Hi {name}", null);
            assertThat(result.isJob()).isFalse();
            assertThat(result.results()).extracting(SendResult::leadId).containsExactly(1L, 2L, 3L);
            assertThat(result.results()).allMatch(SendResult::isAccepted);
            assertThat(f.transport.count()).isEqualTo(3);
        }

        @Test
        void oneBadLeadDoesNotStopTheOthers() {
            f.consent.optOut(Fixture.mobile(2), "keyword", f.clock.instant());
            BulkSendResult result = service().sendBulkMessages(ADMIN, List.of(1L, 2L, 3L), "Hi", null);
            assertThat(result.results()).extracting(SendResult::errorCode).containsExactly(null, "opted_out", null);
            assertThat(f.transport.count()).isEqualTo(2);
        }

        @Test
        void theAttachmentIsStoredOnceForAllLeads() {
            service().sendBulkMessages(ADMIN, List.of(1L, 2L, 3L), "Hi", TestFiles.pdf("offer.pdf"));
            assertThat(f.transport.messages()).extracting(m -> ((MessageContent.Media) m.content()).file()
                    .attachment().id()).containsOnly(
                    ((MessageContent.Media) f.transport.messages().get(0).content()).file().attachment().id());
        }

        @Test
        void aBulkJobIsNamedForPeopleWithItsSenderAndMinute() {
            // The name shows in a lead's timeline and the campaign list: no raw ISO instant with nanoseconds.
            java.time.format.DateTimeFormatter minute = java.time.format.DateTimeFormatter
                    .ofPattern("d MMM yyyy HH:mm 'UTC'", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);
            BulkSendResult now = service().sendBulkMessages(ADMIN, LongStream.rangeClosed(1, 12).boxed().toList(),
                    "Hi", null);
            assertThat(service().getCampaign(ADMIN, now.jobId()).name())
                    .isEqualTo("Bulk send by admin, " + minute.format(f.clock.instant()));
            Instant at = f.clock.instant().plus(Duration.ofHours(2));
            BulkSendResult later = service().scheduleBulkMessages(ADMIN, List.of(1L, 2L), "Hi", null, at);
            assertThat(service().getCampaign(ADMIN, later.jobId()).name())
                    .isEqualTo("Bulk send by admin for " + minute.format(at));
        }

        @Test
        void aBulkJobListsItsLeadIdsInTheOrderGiven() {
            List<Long> given = List.of(25L, 3L, 17L, 1L, 9L, 12L, 4L, 20L, 7L, 15L, 2L, 11L);
            BulkSendResult result = service().sendBulkMessages(ADMIN, given, "Hi {name}", null);
            assertThat(result.isJob()).isTrue();
            assertThat(f.campaigns.find(result.jobId()).orElseThrow().target().leadIds()).containsExactlyElementsOf(given);
            assertThat(io.leadreach.lead.TargetCriteria.ofLeadIds(LongStream.rangeClosed(1, 30).boxed().toList())
                    .leadIds()).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        }

        @Test
        void moreThanTenLeadsBecomeABackgroundJob() {
            BulkSendResult result = service().sendBulkMessages(ADMIN, LongStream.rangeClosed(1, 25).boxed().toList(),
                    "Hi {name}", null);
            assertThat(result.isJob()).isTrue();
            assertThat(f.transport.count()).as("the caller does not wait").isZero();
            JobProgress before = service().getJobProgress(ADMIN, result.jobId());
            assertThat(before.total()).isEqualTo(25);
            assertThat(before.pending()).isEqualTo(25);
            f.runFor(Duration.ofMinutes(5));
            JobProgress after = service().getJobProgress(ADMIN, result.jobId());
            assertThat(after.sent()).isEqualTo(25);
            assertThat(after.isFinished()).isTrue();
            assertThat(service().getCampaign(ADMIN, result.jobId()).kind())
                    .isEqualTo(io.leadreach.campaign.CampaignKind.BULK);
        }

        @Test
        void aJobCanBeCancelled() {
            BulkSendResult result = service().sendBulkMessages(ADMIN, LongStream.rangeClosed(1, 30).boxed().toList(),
                    "Hi", null);
            f.runDue(); // default throttle: 600/min, burst 10
            JobProgress cancelled = service().cancelJob(ADMIN, result.jobId());
            assertThat(cancelled.state()).isEqualTo("CANCELLED");
            assertThat(cancelled.sent() + cancelled.cancelled()).isEqualTo(30);
            f.runFor(Duration.ofMinutes(5));
            assertThat(f.transport.count()).isEqualTo((int) cancelled.sent());
        }

        @Test
        void aScheduledBulkSendIsAScheduledBulkCampaignThatStartsOnTime() {
            Instant at = f.clock.instant().plus(Duration.ofHours(2));
            BulkSendResult result = service().scheduleBulkMessages(ADMIN, List.of(1L, 2L, 3L), "Hi {name}", null, at);
            assertThat(result.isJob()).as("even a few leads: a scheduled send is a job").isTrue();
            var job = service().getCampaign(ADMIN, result.jobId());
            assertThat(job.kind()).isEqualTo(io.leadreach.campaign.CampaignKind.BULK);
            assertThat(job.status()).isEqualTo(io.leadreach.campaign.CampaignStatus.SCHEDULED);
            assertThat(job.scheduledAt()).isEqualTo(at);
            JobProgress waiting = service().getJobProgress(ADMIN, result.jobId());
            assertThat(waiting.state()).isEqualTo("SCHEDULED");
            assertThat(waiting.pending()).isEqualTo(3);
            assertThat(waiting.isFinished()).isFalse();

            f.leadReach.runner().start();
            f.runFor(Duration.ofHours(1));
            assertThat(f.transport.count()).as("nothing before its time").isZero();
            f.runFor(Duration.ofHours(2));
            assertThat(f.transport.count()).isEqualTo(3);
            JobProgress done = service().getJobProgress(ADMIN, result.jobId());
            assertThat(done.sent()).isEqualTo(3);
            assertThat(done.isFinished()).isTrue();
        }

        @Test
        void aScheduledBulkSendCancelledBeforeItsTimeSendsNothingAndCountsItsLeadsCancelled() {
            BulkSendResult result = service().scheduleBulkMessages(ADMIN, List.of(1L, 2L, 3L, 4L), "Hi", null,
                    f.clock.instant().plus(Duration.ofMinutes(30)));
            JobProgress cancelled = service().cancelJob(ADMIN, result.jobId());
            assertThat(cancelled.state()).isEqualTo("CANCELLED");
            assertThat(cancelled.cancelled()).isEqualTo(4);
            assertThat(cancelled.pending()).isZero();
            assertThat(cancelled.isFinished()).isTrue();
            f.runFor(Duration.ofHours(1));
            assertThat(f.transport.count()).isZero();
        }

        @Test
        void aScheduledBulkSendIsCheckedLikeAnyAndNeedsAFutureTime() {
            refused(() -> service().scheduleBulkMessages(ADMIN, List.of(1L), "Hi", null, f.clock.instant()),
                    "in_the_past");
            refused(() -> service().scheduleBulkMessages(ADMIN, List.of(1L), "Hi", null, null), "missing");
            refused(() -> service().scheduleBulkMessages(ADMIN, List.of(1L, 404L), "Hi", null,
                    f.clock.instant().plusSeconds(60)), "unknown_lead");
            Actor sender = Actor.of("sender", Permission.SEND);
            assertThatThrownBy(() -> service().scheduleBulkMessages(sender, List.of(1L), "Hi", null,
                    f.clock.instant().plusSeconds(60))).isInstanceOf(PermissionDeniedException.class);
            assertThat(service().listCampaigns(ADMIN, java.util.Set.of())).isEmpty();
        }

        @Test
        void unknownLeadIdsRefuseTheWholeRequest() {
            refused(() -> service().sendBulkMessages(ADMIN, List.of(1L, 2L, 404L), "Hi", null), "unknown_lead");
        }

        @Test
        void emptyAndTooManyLeadIds() {
            refused(() -> service().sendBulkMessages(ADMIN, List.of(), "Hi", null), "empty");
            List<Long> tooMany = LongStream.rangeClosed(1, 10_001).boxed().toList();
            refused(() -> service().sendBulkMessages(ADMIN, tooMany, "Hi", null), "too_many");
        }

        @Test
        void needsTheBulkPermission() {
            assertThatThrownBy(() -> service().sendBulkMessages(Actor.of("rep", Permission.SEND), List.of(1L), "Hi",
                    null)).isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Nested
    class Campaigns {

        @Test
        void aCampaignIsSavedAsDraftAndExecutedOnRequest() {
            Campaign c = service().createCampaign(ADMIN, CampaignSpec.builder().name("  spring  ").body("Hi {name}")
                    .target(TargetCriteria.builder().sources("web").build()).messagesPerMinute(60).maxAttempts(2)
                    .build());
            assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
            assertThat(c.name()).isEqualTo("spring");
            assertThat(c.throttle().messagesPerMinute()).isEqualTo(60);
            assertThat(c.retryPolicy().maxAttempts()).isEqualTo(2);
            assertThat(service().executeCampaign(ADMIN, c.id()).status()).isEqualTo(CampaignStatus.ACTIVE);
            assertThatThrownBy(() -> service().executeCampaign(ADMIN, c.id()))
                    .isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void statisticsAddUpAndEstimateTheTimeLeft() {
            Campaign c = service().createCampaign(ADMIN, CampaignSpec.builder().name("s").body("Hi")
                    .messagesPerMinute(60).build());
            service().executeCampaign(ADMIN, c.id());
            f.runDue();
            CampaignStatistics stats = service().getCampaignStatistics(ADMIN, c.id());
            assertThat(stats.total()).isEqualTo(30);
            assertThat(stats.counters().sent()).isEqualTo(1);
            assertThat(stats.progress()).isCloseTo(1 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(stats.estimatedTimeLeft()).isEqualTo(Duration.ofSeconds(29));
            f.runFor(Duration.ofMinutes(2));
            CampaignStatistics done = service().getCampaignStatistics(ADMIN, c.id());
            assertThat(done.progress()).isEqualTo(1.0);
            assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        }

        @Test
        void aCompletedCampaignCannotBeExecutedPausedOrResumed() {
            Campaign c = service().createCampaign(ADMIN, CampaignSpec.builder().name("s").body("Hi")
                    .messagesPerMinute(100_000).build());
            service().executeCampaign(ADMIN, c.id());
            f.runFor(Duration.ofMinutes(1));
            assertThatThrownBy(() -> service().executeCampaign(ADMIN, c.id())).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> service().pauseCampaign(ADMIN, c.id())).isInstanceOf(IllegalTransitionException.class);
            assertThatThrownBy(() -> service().resumeCampaign(ADMIN, c.id())).isInstanceOf(IllegalTransitionException.class);
        }

        @Test
        void everyBadFieldIsNamedAtOnce() {
            assertThatThrownBy(() -> service().createCampaign(ADMIN, CampaignSpec.builder().name("")
                    .body("Hi {unknown}").scheduledAt(f.clock.instant().minusSeconds(1)).messagesPerMinute(0)
                    .maxAttempts(0).build()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .extracting(ValidationException.FieldError::field)
                            .contains("name", "body", "scheduledAt", "messagesPerMinute", "maxAttempts"));
            assertThat(service().listCampaigns(ADMIN, java.util.Set.of())).isEmpty();
        }

        @Test
        void anEmptyTarget() {
            refused(() -> service().createCampaign(ADMIN, CampaignSpec.builder().name("none").body("Hi")
                    .target(TargetCriteria.builder().statuses("no-such-status").build()).build()), "empty_target");
        }

        @Test
        void aScheduleInThePast() {
            refused(() -> service().createCampaign(ADMIN, CampaignSpec.builder().name("late").body("Hi")
                    .scheduledAt(Instant.parse("2020-01-01T00:00:00Z")).build()), "in_the_past");
        }

        @Test
        void aThrottleOfZero() {
            refused(() -> service().createCampaign(ADMIN, CampaignSpec.builder().name("t").body("Hi")
                    .messagesPerMinute(-5).build()), "not_positive");
        }

        @Test
        void anAttachmentThatIsReallyAnExecutable() {
            refused(() -> service().createCampaign(ADMIN, CampaignSpec.builder().name("t").body("Hi")
                    .attachment(TestFiles.executable("brochure.pdf")).build()), "type_not_allowed");
        }

        @Test
        void viewingNeedsTheViewPermissionAndCreatingTheCreatePermission() {
            Actor creator = Actor.of("creator", Permission.CAMPAIGN_CREATE);
            Campaign c = service().createCampaign(creator, CampaignSpec.builder().name("x").body("Hi").build());
            assertThatThrownBy(() -> service().getCampaignStatistics(creator, c.id()))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> service().executeCampaign(creator, c.id()))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> service().createCampaign(Actor.of("viewer", Permission.CAMPAIGN_VIEW),
                    CampaignSpec.builder().name("y").body("Hi").build())).isInstanceOf(PermissionDeniedException.class);
            assertThat(service().getCampaign(ADMIN, c.id()).status()).isEqualTo(CampaignStatus.DRAFT);
        }

        @Test
        void unknownCampaign() {
            assertThatThrownBy(() -> service().executeCampaign(ADMIN, 12345)).isInstanceOf(NotFoundException.class);
        }
    }

    static AttachmentUpload text(String name) {
        return new AttachmentUpload(name, "hello".getBytes(StandardCharsets.UTF_8));
    }

    static List<Long> ids(int n) {
        return new ArrayList<>(LongStream.rangeClosed(1, n).boxed().toList());
    }
}
