package io.leadreach.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.attachment.TestFiles;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingStatistics;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageHistoryServiceTest {

    private final Fixture f = new Fixture().withLeads(6);
    private final MessageHistoryService history = f.leadReach.history();
    private static final Actor VIEWER = Actor.of("vera", Permission.CAMPAIGN_VIEW);
    private static final Actor SENDER = Actor.of("sam", Permission.SEND);
    private static final Actor NOBODY = Actor.of("nina", Permission.ANALYTICS_VIEW);

    @AfterEach
    void close() {
        f.close();
    }

    private Campaign runCampaignToLeads(Long... ids) {
        Campaign c = f.service().createCampaign(Fixture.ADMIN, CampaignSpec.builder().name("Spring").body("Hi {name}")
                .target(TargetCriteria.ofLeadIds(Set.of(ids))).build());
        f.service().executeCampaign(Fixture.ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));
        return c;
    }

    @Test
    void recipientsComeWithTheirLeadsInKeysetPagesFilteredByStatus() {
        f.consent.optOut(Fixture.mobile(2), "keyword", f.clock.instant());
        Campaign c = runCampaignToLeads(1L, 2L, 3L, 4L);
        RecipientPage first = history.recipients(VIEWER, c.id(), Set.of(), 0, 3);
        assertThat(first.rows()).hasSize(3);
        assertThat(first.rows().get(0).lead().name()).isEqualTo("Lead " + first.rows().get(0).recipient().leadId());
        assertThat(first.nextAfter()).isEqualTo(first.rows().get(2).recipient().id());
        RecipientPage second = history.recipients(VIEWER, c.id(), Set.of(), first.nextAfter(), 3);
        assertThat(second.rows()).hasSize(1);
        assertThat(second.nextAfter()).isNull();

        RecipientPage skipped = history.recipients(VIEWER, c.id(), Set.of(RecipientStatus.SKIPPED), 0, 50);
        assertThat(skipped.rows()).singleElement().satisfies(r -> {
            assertThat(r.recipient().leadId()).isEqualTo(2);
            assertThat(r.lead().mobile()).isEqualTo(Fixture.mobile(2));
        });
        assertThatThrownBy(() -> history.recipients(VIEWER, 424242, Set.of(), 0, 50)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> history.recipients(VIEWER, c.id(), Set.of(), 0, 501))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("limit"));
        assertThatThrownBy(() -> history.recipients(SENDER, c.id(), Set.of(), 0, 50))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void theMessageLogIsFilteredByLeadCampaignAndStatus() {
        Campaign c = runCampaignToLeads(1L, 2L);
        f.service().sendSingleMessage(Fixture.ADMIN, 1, "A single hello", null);
        assertThat(history.messages(VIEWER, MessageFilter.lead(1), 0, 50)).extracting(LeadMessage::body)
                .containsExactly("Hi Lead 1", "A single hello");
        assertThat(history.messages(VIEWER, new MessageFilter(null, c.id(), Set.of(MessageStatus.SENT)), 0, 50))
                .hasSize(2);
        assertThatThrownBy(() -> history.messages(SENDER, MessageFilter.all(), 0, 50))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void aLeadsTimelineMergesMessagesAndRepliesNewestFirstAcrossPages() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            f.service().sendSingleMessage(Fixture.ADMIN, 3, "out " + i, null);
            expected.add("out " + i);
            f.clock.advance(Duration.ofSeconds(10));
            f.inbound(3, "in " + i);
            expected.add("in " + i);
            f.clock.advance(Duration.ofSeconds(10));
        }
        java.util.Collections.reverse(expected);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LeadTimeline page = history.leadTimeline(SENDER, 3, cursor, 3);
            for (TimelineEntry e : page.entries()) {
                seen.add(e instanceof TimelineEntry.Outgoing o ? o.message().body()
                        : ((TimelineEntry.Incoming) e).reply().reply().text());
            }
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        LeadTimeline first = history.leadTimeline(VIEWER, 3, null, 50);
        assertThat(((TimelineEntry.Incoming) first.entries().get(0)).reply().reply().messageId())
                .as("the reply names the message it answers")
                .isEqualTo(((TimelineEntry.Outgoing) first.entries().get(1)).message().id());
        assertThatThrownBy(() -> history.leadTimeline(NOBODY, 3, null, 50)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> history.leadTimeline(SENDER, 3, "m12", 50))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("before"));
        assertThatThrownBy(() -> history.leadTimeline(SENDER, 999, null, 50)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theTimelineTellsWhoOptedTheLeadOutAndWhen() {
        f.clock.advance(Duration.ofMinutes(1));
        f.inbound(4, "STOP");
        LeadTimeline t = history.leadTimeline(SENDER, 4, null, 50);
        assertThat(t.consent().optedOut()).isTrue();
        assertThat(t.consent().optedOutInCrm()).isFalse();
        assertThat(t.consent().source()).isEqualTo("keyword");
        assertThat(t.consent().changedAt()).isEqualTo(f.clock.instant());
        assertThat(history.leadTimeline(SENDER, 5, null, 50).consent().optedOut()).isFalse();
    }

    @Test
    void aLeadsAttachmentsAreListedAndOpened() throws Exception {
        byte[] pdf = TestFiles.pdf();
        var sent = f.service().sendSingleMessage(Fixture.ADMIN, 1, "Your quote", new AttachmentUpload("quote.pdf", pdf));
        f.clock.advance(Duration.ofSeconds(10));
        f.service().sendSingleMessage(Fixture.ADMIN, 1, "No file", null);
        assertThat(history.leadAttachments(SENDER, 1)).singleElement().satisfies(a -> {
            assertThat(a.messageId()).isEqualTo(sent.messageId());
            assertThat(a.attachment().filename()).isEqualTo("quote.pdf");
        });
        MessageHistoryService.AttachmentContent content = history.attachment(VIEWER, sent.messageId());
        try (InputStream in = content.opener().open()) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        long plain = history.messages(VIEWER, MessageFilter.lead(1), 0, 50).get(1).id();
        assertThatThrownBy(() -> history.attachment(VIEWER, plain)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> history.attachment(NOBODY, sent.messageId())).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void repliesAreKeptAndTrackingCountsNeedTheViewPermission() {
        f.inbound(2, "Hello there");
        f.tracker().apply(new InboundReply("+12015559999", "wamid.stranger", "who?", null, null, "text", null,
                f.clock.instant()));
        assertThat(history.replies(VIEWER, 0, 50)).singleElement()
                .satisfies(r -> assertThat(r.reply().leadId()).isEqualTo(2));
        Tracking tracker = f.tracker();
        TrackingStatistics s = tracker.statistics(VIEWER);
        assertThat(s.unmatchedReplies()).isEqualTo(1);
        assertThatThrownBy(() -> tracker.statistics(SENDER)).isInstanceOf(PermissionDeniedException.class);
    }
}
