package io.leadreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadIdList;
import io.leadreach.message.MessageStatus;
import io.leadreach.preview.BulkSendCheck;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.preview.TargetListCheck;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.WhatsAppErrorCodes;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test send to one's own number, the bulk-send check, uploaded lead lists and error words. */
class TestSendAndChecksTest {

    private static final String MY_PHONE = "+12015550199";
    private final Fixture f = new Fixture().withLeads(5);
    private static final Actor CREATOR = Actor.of("carla", Permission.CAMPAIGN_CREATE);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aTestGoesThroughTheTransportToTheGivenNumberRenderedForTheSampleLead() {
        TestSendResult r = f.service().sendTestMessage(CREATOR, MY_PHONE, "Hi {first_name}!", null, 3L);
        assertThat(r.status()).isEqualTo(MessageStatus.SENT);
        assertThat(r.providerMessageId()).isNotBlank();
        assertThat(r.renderedBody()).isEqualTo("Hi Lead!");
        assertThat(f.transport.messagesTo(MY_PHONE)).singleElement()
                .satisfies(m -> assertThat(((MessageContent.Text) m.content()).body()).isEqualTo("Hi Lead!"));
        assertThat(f.messages.countCreatedBetween(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")))
                .as("a test is not a lead's message").isZero();
        assertThat(f.campaigns.list(java.util.Set.of())).isEmpty();
    }

    @Test
    void aTestIsNeverSentToAnOptedOutNumberAndBadInputIsRefused() {
        f.consent.optOut(MY_PHONE, "keyword", f.clock.instant());
        assertThatThrownBy(() -> f.service().sendTestMessage(CREATOR, MY_PHONE, "Hi", null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).code()).isEqualTo("opted_out"));
        assertThatThrownBy(() -> f.service().sendTestMessage(CREATOR, "12", "Hi", null, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).code()).isEqualTo("invalid_number"));
        assertThatThrownBy(() -> f.service().sendTestMessage(CREATOR, "+12015550198", " ", null, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.service().sendTestMessage(CREATOR, "+12015550198", null, 987L, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("templateId"));
        assertThatThrownBy(() -> f.service().sendTestMessage(CREATOR, "+12015550198", "Hi", null, 999L))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.service().sendTestMessage(Actor.of("s", Permission.SEND), "+12015550198", "Hi", null, null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(f.transport.count()).isZero();
    }

    @Test
    void outsideTheWindowAFreeFormTestIsRefusedWithHowToOpenIt() {
        try (Fixture windowed = new Fixture(c -> c.enforceServiceWindow(true)).withLeads(1)) {
            assertThatThrownBy(() -> windowed.service().sendTestMessage(CREATOR, MY_PHONE, "Hi", null, null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> {
                        assertThat(e.errors().get(0).code()).isEqualTo("outside_service_window");
                        assertThat(e.getMessage()).contains("business number");
                    });
            assertThat(windowed.transport.count()).isZero();
        }
    }

    @Test
    void theBulkCheckSaysWhoWouldBeSkippedAndWhyWithTheirIds() {
        f.consent.optOut(Fixture.mobile(2), "keyword", f.clock.instant());
        f.leads.put(Lead.builder(4).name("Landline").mobile("+12015550").build());
        BulkSendCheck check = f.leadReach.preview().checkBulkSend(Actor.of("b", Permission.BULK_SEND),
                List.of(1L, 2L, 2L, 3L, 4L, 77L));
        assertThat(check.selected()).isEqualTo(5);
        assertThat(check.willSend()).isEqualTo(2);
        assertThat(check.skipped()).containsEntry(PreviewSkip.OPTED_OUT, 1L).containsEntry(PreviewSkip.INVALID_NUMBER, 1L);
        assertThat(check.skippedLeadIds().get(PreviewSkip.OPTED_OUT)).containsExactly(2L);
        assertThat(check.skippedLeadIds().get(PreviewSkip.INVALID_NUMBER)).containsExactly(4L);
        assertThat(check.unknownLeadIds()).containsExactly(77L);
        assertThat(f.transport.count()).isZero();
        assertThatThrownBy(() -> f.leadReach.preview().checkBulkSend(Actor.of("b", Permission.BULK_SEND), List.of()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.leadReach.preview().checkBulkSend(CREATOR, List.of(1L)))
                .isInstanceOf(PermissionDeniedException.class);
        List<Long> tooMany = LongStream.rangeClosed(1, 10_001).boxed().toList();
        assertThatThrownBy(() -> f.leadReach.preview().checkBulkSend(Actor.of("b", Permission.BULK_SEND), tooMany))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).code()).isEqualTo("too_many"));
    }

    @Test
    void theBulkCheckSkipsLeadsOutsideTheWindowLikeTheEngine() {
        try (Fixture windowed = new Fixture(c -> c.enforceServiceWindow(true)).withLeads(3)) {
            windowed.inbound(1, "hello");
            BulkSendCheck check = windowed.leadReach.preview().checkBulkSend(Actor.of("b", Permission.BULK_SEND),
                    List.of(1L, 2L, 3L));
            assertThat(check.willSend()).isEqualTo(1);
            assertThat(check.skippedLeadIds().get(PreviewSkip.OUTSIDE_SERVICE_WINDOW)).containsExactly(2L, 3L);
        }
    }

    @Test
    void anUploadedListKeepsFileOrderDropsDuplicatesAndNamesBadLines() {
        LeadIdList list = LeadIdList.parse("\uFEFFlead_id,name\r\n3,Ann\n\n1\n3\nabc\n-4\n\"5\",x\n", 100);
        assertThat(list.leadIds()).containsExactly(3L, 1L, 5L);
        assertThat(list.duplicates()).isEqualTo(1);
        assertThat(list.invalid()).extracting(LeadIdList.InvalidLine::line).containsExactly(6, 7);
        assertThat(list.invalid().get(0).value()).isEqualTo("abc");
        assertThat(LeadIdList.parse("id\n7\n", 10).leadIds()).containsExactly(7L);
        assertThat(LeadIdList.parse("7\n8", 10).leadIds()).containsExactly(7L, 8L);
        assertThatThrownBy(() -> LeadIdList.parse("1\n2\n3\n", 2))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get(0).code()).isEqualTo("too_many"));
        assertThatThrownBy(() -> LeadIdList.parse("\n \n", 2)).isInstanceOf(ValidationException.class);

        TargetListCheck check = f.leadReach.preview().checkTargetList(CREATOR, "2\n9\n1\n8\n");
        assertThat(check.list().leadIds()).containsExactly(2L, 9L, 1L, 8L);
        assertThat(check.unknown()).containsExactly(9L, 8L);
        assertThatThrownBy(() -> f.leadReach.preview().checkTargetList(Actor.of("v", Permission.CAMPAIGN_VIEW), "1"))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void metaErrorCodesAreExplainedInWords() {
        assertThat(WhatsAppErrorCodes.describe("131026")).hasValueSatisfying(s -> assertThat(s).contains("not on WhatsApp"));
        assertThat(WhatsAppErrorCodes.describe("131047")).hasValueSatisfying(s -> assertThat(s).contains("24 hours"));
        assertThat(WhatsAppErrorCodes.describe("132009")).hasValueSatisfying(s -> assertThat(s).contains("template"));
        assertThat(WhatsAppErrorCodes.describe("999999")).isEmpty();
        assertThat(WhatsAppErrorCodes.describe(null)).isEmpty();
    }
}
