package io.leadreach.metrics;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.attachment.AttachmentInfectedException;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.attachment.ScanResult;
import io.leadreach.attachment.TestFiles;
import io.leadreach.attachment.VirusScanner;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class EngineObserverTest {

    static final class Counting implements EngineObserver {
        final AtomicInteger sent = new AtomicInteger();
        final Map<String, Integer> failed = new ConcurrentHashMap<>();
        final Map<String, Integer> webhook = new ConcurrentHashMap<>();
        final AtomicReference<LongSupplier> depth = new AtomicReference<>();
        final Map<String, Integer> scans = new ConcurrentHashMap<>();

        @Override
        public void onAttachmentScan(String outcome) {
            scans.merge(outcome, 1, Integer::sum);
        }

        @Override
        public void onSent(Duration latency) {
            sent.incrementAndGet();
        }

        @Override
        public void onFailed(String reason, Duration latency) {
            failed.merge(reason, 1, Integer::sum);
        }

        @Override
        public void onWebhookEvent(String kind) {
            webhook.merge(kind, 1, Integer::sum);
        }

        @Override
        public void bindQueueDepth(LongSupplier d) {
            depth.set(d);
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
    private final ManualWorkQueue queue = new ManualWorkQueue(clock);
    private final RecordingTransport transport = new RecordingTransport();
    private final InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
    private final Counting observer = new Counting();

    private LeadReach build(int leadCount) {
        for (int i = 1; i <= leadCount; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .createdAt(clock.instant().minus(Duration.ofDays(3))).build());
        }
        return LeadReach.builder().clock(clock).transport(transport).leadDirectory(leads).workQueue(queue)
                .sending(SendingConfig.custom().enforceServiceWindow(false).leadPacing(Duration.ZERO).build())
                .observer(observer).build();
    }

    @Test
    void sendsFailuresWebhookEventsAndQueueDepthAreReported() {
        try (LeadReach lr = build(5)) {
            transport.answerFor("+12015550002", SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "undeliverable"));
            transport.answerFor("+12015550003", new SendOutcome.Unknown("connection reset"));
            Campaign c = lr.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").body("Hi {name}").build());
            lr.service().executeCampaign(ADMIN, c.id());
            assertThat(observer.depth.get()).isNotNull();
            for (int i = 0; i < 100 && Access.wiring(lr).campaigns().find(c.id()).orElseThrow().status() == CampaignStatus.ACTIVE; i++) {
                queue.runDue();
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(observer.sent.get()).isEqualTo(3);
            assertThat(observer.failed).containsEntry("permanent", 1).containsEntry(EngineObserver.REASON_UNKNOWN, 1);
            assertThat(observer.depth.get().getAsLong()).isZero();
            lr.tracker().apply(new InboundReply("+12015550001", "wamid.in-1", "hello", null, null, "text", null,
                    clock.instant()));
            assertThat(observer.webhook).containsEntry("inbound", 1);
        }
    }

    @Test
    void queueDepthCountsOpenRecipientsOfActiveCampaigns() {
        try (LeadReach lr = build(4)) {
            Campaign c = lr.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").body("Hi").build());
            lr.service().executeCampaign(ADMIN, c.id());
            Access.wiring(lr).campaigns().addRecipients(c.id(), List.of(1L, 2L, 3L, 4L), clock.instant());
            assertThat(observer.depth.get().getAsLong()).isEqualTo(4);
        }
    }

    @Test
    void aScheduledCampaignGetsATickAtItsTime() {
        try (LeadReach lr = build(2)) {
            Instant at = clock.instant().plus(Duration.ofMinutes(90));
            Campaign c = lr.service().createCampaign(ADMIN, CampaignSpec.builder().name("later").body("Hi")
                    .scheduledAt(at).build());
            assertThat(queue.dueTimes()).contains(at);
        }
    }

    @Test
    void twoRecurringJobsWithOneNameAreRefused() {
        LeadReach.Builder b = LeadReach.builder().transport(transport).workQueue(queue)
                .recurringJob(new RecurringJob("automation", Duration.ofMinutes(1), () -> { }))
                .recurringJob(new RecurringJob("automation", Duration.ofMinutes(2), () -> { }));
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("automation");
    }

    @Test
    @SuppressWarnings("try") // the engine only has to be running
    void hostJobsRunBesideTheSweep() {
        AtomicInteger runs = new AtomicInteger();
        try (LeadReach lr = LeadReach.builder().clock(clock).transport(transport).workQueue(queue)
                .recurringJob(new RecurringJob("automation", Duration.ofMinutes(5), runs::incrementAndGet)).build()) {
            queue.runDue();
            clock.advance(Duration.ofMinutes(5));
            queue.runDue();
            assertThat(runs.get()).isEqualTo(2);
        }
    }

    @Test
    void attachmentScansAreReportedThroughTheBuilderAndEveryCompositeMember() {
        Counting second = new Counting();
        leads.put(Lead.builder(1).name("Lead 1").mobile("+12015550001").status("new")
                .createdAt(clock.instant().minus(Duration.ofDays(3))).build());
        VirusScanner scanner = bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("BAD")
                ? ScanResult.infected("Test.Bad") : ScanResult.clean();
        try (LeadReach lr = LeadReach.builder().clock(clock).transport(transport).leadDirectory(leads).workQueue(queue)
                .sending(SendingConfig.custom().enforceServiceWindow(false).leadPacing(Duration.ZERO).build())
                .virusScanner(scanner).observer(EngineObservers.composite(List.of(observer, second))).build()) {
            lr.service().sendSingleMessage(ADMIN, 1, "quote", new AttachmentUpload("q.pdf", TestFiles.pdf()));
            assertThatThrownBy(() -> lr.service().sendSingleMessage(ADMIN, 1, "quote",
                    new AttachmentUpload("q.pdf", TestFiles.pdf("BAD")))).isInstanceOf(AttachmentInfectedException.class);
        }
        Map<String, Integer> expected = Map.of(EngineObserver.SCAN_CLEAN, 1, EngineObserver.SCAN_INFECTED, 1);
        assertThat(observer.scans).isEqualTo(expected);
        assertThat(second.scans).isEqualTo(expected);
    }
}
