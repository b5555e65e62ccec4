package io.leadreach.contract;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignBuilder;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.LeadMessageBuilder;
import io.leadreach.message.MessageStatus;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import java.time.Instant;

/**
 * Test builders: a valid campaign or message with every component a test does not care about
 * already given, so that a test sets only what it is about. Each call returns a new builder.
 *
 * <pre>{@code
 * LeadMessage failed = aMessage().leadId(8).status(MessageStatus.FAILED).errorCode("131026").build();
 * Campaign active = aCampaign().name("spring sale").status(CampaignStatus.ACTIVE).build();
 * }</pre>
 */
public final class TestRecords {

    /** The time the records are created at unless a test says otherwise. */
    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private TestRecords() {
    }

    /**
     * A DRAFT standard campaign named {@code test} with the body {@code Hi {name}}, targeting all
     * leads with the default throttle and retry policy, created by {@code tester} at {@link #T0}.
     */
    public static CampaignBuilder aCampaign() {
        return Campaign.builder().name("test").kind(CampaignKind.STANDARD).body("Hi {name}")
                .status(CampaignStatus.DRAFT).target(TargetCriteria.all()).throttle(ThrottleConfig.ofDefaults())
                .retryPolicy(RetryPolicy.ofDefaults()).createdBy("tester").createdAt(T0);
    }

    /**
     * A SENT single-send message {@code Hi} to lead 1 at {@code +15555550100}, by {@code tester},
     * one attempt, created and sent at {@link #T0}; no correlation or provider id.
     */
    public static LeadMessageBuilder aMessage() {
        return LeadMessage.builder().leadId(1).mobile("+15555550100").body("Hi").status(MessageStatus.SENT)
                .sentBy("tester").attempts(1).createdAt(T0).sentAt(T0);
    }
}
