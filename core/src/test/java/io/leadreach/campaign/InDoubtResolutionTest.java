package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.IllegalTransitionException;
import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IN_DOUBT is not a dead end: an operator lists the doubts and resolves each, on record. */
class InDoubtResolutionTest {

    private static final Actor MARIA = new Actor("maria", EnumSet.of(Permission.CAMPAIGN_VIEW,
            Permission.CAMPAIGN_EXECUTE));
    private static final Actor VIEWER = new Actor("vic", EnumSet.of(Permission.CAMPAIGN_VIEW));

    private Fixture f;
    private Campaign c;
    private CampaignRecipient doubt;

    @BeforeEach
    void aCampaignWithOneRecipientInDoubt() {
        f = new Fixture().withLeads(3);
        f.transport.answerFor(Fixture.mobile(2), new SendOutcome.Unknown("timeout after write"));
        c = f.service().executeCampaign(ADMIN, f.service().createCampaign(ADMIN, CampaignSpec.builder()
                .name("doubts").body("Hi {name}").messagesPerMinute(100_000).build()).id());
        f.runFor(Duration.ofHours(1));
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        List<CampaignRecipient> doubts = f.service().listInDoubt(VIEWER, c.id(), 0, 100);
        assertThat(doubts).singleElement().satisfies(r -> {
            assertThat(r.leadId()).isEqualTo(2);
            assertThat(r.status()).isEqualTo(RecipientStatus.IN_DOUBT);
        });
        doubt = doubts.get(0);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void treatedAsSentItCountsAsSentIsLoggedAndIsNeverSentAgain() {
        CampaignRecipient r = f.service().resolveInDoubt(MARIA, c.id(), doubt.id(),
                InDoubtResolution.Kind.TREAT_AS_SENT);
        assertThat(r.status()).isEqualTo(RecipientStatus.SENT);
        assertThat(r.resolution().kind()).isEqualTo(InDoubtResolution.Kind.TREAT_AS_SENT);
        assertThat(r.resolution().actor()).isEqualTo("maria");
        assertThat(r.resolution().at()).isEqualTo(f.clock.instant());
        assertThat(f.campaigns.counts(c.id()).inDoubt()).isZero();
        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(3);
        assertThat(f.messages.findByLead(2, 5)).singleElement().satisfies(m -> {
            assertThat(m.status()).isEqualTo(MessageStatus.SENT);
            assertThat(m.correlationId()).isEqualTo(doubt.correlationId());
            assertThat(m.providerMessageId()).isNull();
        });
        f.runFor(Duration.ofHours(1));
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).as("never resent").hasSize(1);
        assertThat(f.service().listInDoubt(VIEWER, c.id(), 0, 100)).isEmpty();

        // A status webhook that turns up after all still moves it forward.
        f.tracker().apply(new DeliveryEvent("wamid.late", doubt.correlationId(), DeliveryStatus.DELIVERED,
                f.clock.instant(), Fixture.mobile(2), null, null, null));
        assertThat(f.campaigns.findRecipient(doubt.id()).orElseThrow().status()).isEqualTo(RecipientStatus.DELIVERED);
    }

    @Test
    void sentAgainItIsSentOnceMoreByTheOperatorsDecisionOnRecord() {
        CampaignRecipient r = f.service().resolveInDoubt(MARIA, c.id(), doubt.id(), InDoubtResolution.Kind.SEND_AGAIN);
        assertThat(r.status()).isEqualTo(RecipientStatus.PENDING);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).as("driven again").isEqualTo(CampaignStatus.ACTIVE);
        f.transport.answerFor(Fixture.mobile(2), new SendOutcome.Accepted("wamid.again", null));
        f.runFor(Duration.ofMinutes(5));
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).as("the operator chose a second message").hasSize(2);
        CampaignRecipient after = f.campaigns.findRecipient(doubt.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RecipientStatus.SENT);
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.resolution()).isEqualTo(r.resolution());
        assertThat(after.resolution().actor()).isEqualTo("maria");
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(f.messages.findByLead(2, 5)).extracting(LeadMessage::status).containsExactly(MessageStatus.SENT);
    }

    @Test
    void resolvingNeedsCampaignExecuteAndListingCampaignView() {
        assertThatThrownBy(() -> f.service().resolveInDoubt(VIEWER, c.id(), doubt.id(),
                InDoubtResolution.Kind.TREAT_AS_SENT)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> f.service().listInDoubt(new Actor("lee", EnumSet.of(Permission.SEND)), c.id(), 0, 10))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(f.campaigns.findRecipient(doubt.id()).orElseThrow().status()).isEqualTo(RecipientStatus.IN_DOUBT);
    }

    @Test
    void badRequestsGetTypedErrorsAndChangeNothing() {
        CampaignRecipient sent = f.campaigns.recipients(c.id(), EnumSet.of(RecipientStatus.SENT), 0, 1).get(0);
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id(), sent.id(),
                InDoubtResolution.Kind.SEND_AGAIN)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id() + 1, doubt.id(),
                InDoubtResolution.Kind.SEND_AGAIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id(), doubt.id() + 1000,
                InDoubtResolution.Kind.SEND_AGAIN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id(), doubt.id(),
                InDoubtResolution.Kind.SENT_UNCONFIRMED)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id(), doubt.id(), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.service().listInDoubt(MARIA, c.id(), 0, 0)).isInstanceOf(ValidationException.class);
        assertThat(f.campaigns.findRecipient(doubt.id()).orElseThrow().status()).isEqualTo(RecipientStatus.IN_DOUBT);
        assertThat(f.campaigns.findRecipient(sent.id()).orElseThrow().status()).isEqualTo(RecipientStatus.SENT);
    }

    @Test
    void aCancelledCampaignsDoubtsCanOnlyBeTreatedAsSent() {
        assertThat(f.campaigns.transition(c.id(), CampaignStatus.COMPLETED, CampaignStatus.CANCELLED,
                f.clock.instant(), "test")).isPresent();
        assertThatThrownBy(() -> f.service().resolveInDoubt(MARIA, c.id(), doubt.id(),
                InDoubtResolution.Kind.SEND_AGAIN)).isInstanceOf(IllegalTransitionException.class);
        assertThat(f.service().resolveInDoubt(MARIA, c.id(), doubt.id(), InDoubtResolution.Kind.TREAT_AS_SENT)
                .status()).isEqualTo(RecipientStatus.SENT);
    }

    @Test
    void theReconciliationMarksOldDoubtsSentUnconfirmedAndSendsNothing() {
        assertThat(f.leadReach.runner().reconcileInDoubt(Duration.ofDays(2))).as("not old enough yet").isZero();
        f.clock.advance(Duration.ofDays(2));
        int sends = f.transport.count();
        assertThat(f.leadReach.runner().reconcileInDoubt(Duration.ofDays(2))).isEqualTo(1);
        CampaignRecipient r = f.campaigns.findRecipient(doubt.id()).orElseThrow();
        assertThat(r.status()).isEqualTo(RecipientStatus.SENT);
        assertThat(r.resolution().kind()).isEqualTo(InDoubtResolution.Kind.SENT_UNCONFIRMED);
        assertThat(r.resolution().actor()).isEqualTo(InDoubtResolution.RECONCILER);
        assertThat(f.messages.findByLead(2, 5)).hasSize(1);
        assertThat(f.leadReach.runner().reconcileInDoubt(Duration.ofDays(2))).isZero();
        f.runFor(Duration.ofHours(1));
        assertThat(f.transport.count()).isEqualTo(sends);
    }
}
