package io.leadreach.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.NotFoundException;
import io.leadreach.TemplateSpec;
import io.leadreach.ValidationException;
import io.leadreach.analytics.PricingCategory;
import io.leadreach.analytics.RateCard;
import io.leadreach.campaign.Campaign;
import io.leadreach.internal.Access;
import io.leadreach.internal.DefaultCampaignPreviewService;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CampaignPreviewTest {

    private static final Actor MARKETER = Actor.of("mia", Permission.CAMPAIGN_CREATE);

    /** The 24-hour window is enforced here, as in production. */
    private final Fixture f = new Fixture(c -> c.enforceServiceWindow(true));

    @AfterEach
    void close() {
        f.close();
    }

    /** Leads 1-10 on US numbers (1 invalid, 2 and 3 opted out, 4 wrote in), 11-12 on UK numbers. */
    private void mixedLeads() {
        f.withLeads(10);
        f.leads.put(Lead.builder(1).name("Lead 1").mobile("12345").status("new").build());
        f.consent.optOut(Fixture.mobile(2), "test", f.clock.instant());
        f.leads.put(Lead.builder(3).name("Lead 3").mobile(Fixture.mobile(3)).status("new").optedOut(true).build());
        f.inbound(4, "hello");
        f.leads.put(Lead.builder(11).name("Ada").mobile(uk(11)).status("new").build(),
                Lead.builder(12).name("Bob").mobile(uk(12)).status("new").build());
    }

    private static String uk(long n) {
        return String.format("+447400%06d", 123_000 + n);
    }

    private CampaignPreviewService previews(PreviewConfig config) {
        return new DefaultCampaignPreviewService(Access.wiring(f.leadReach), config);
    }

    private MessageTemplate boundTemplate(TemplateCategory category, String waName) {
        return f.leadReach.templates().createTemplate(Fixture.ADMIN, TemplateSpec.builder().name(waName)
                .category(category).body("Hello {name}")
                .binding(new WhatsAppTemplateBinding(waName, "en", List.of("name"))).build());
    }

    @Test
    void aFreeFormCampaignSkipsEveryoneOutsideTheWindowAndSaysWhy() {
        mixedLeads();

        CampaignPreview p = f.leadReach.preview().previewCampaign(MARKETER,
                CampaignSpec.builder().name("x").body("Hi {name}").build());

        assertThat(p.matchingLeads()).isEqualTo(12);
        assertThat(p.scanned()).isEqualTo(12);
        assertThat(p.complete()).isTrue();
        assertThat(p.skipped(PreviewSkip.INVALID_NUMBER)).isEqualTo(1);
        assertThat(p.skipped(PreviewSkip.OPTED_OUT)).isEqualTo(2);
        assertThat(p.skipped(PreviewSkip.OUTSIDE_SERVICE_WINDOW)).isEqualTo(8);
        assertThat(p.willSend()).isEqualTo(1);
        assertThat(p.freeFormSends()).isEqualTo(1);
        assertThat(p.templateCategory()).isNull();
        assertThat(p.cost()).isNull();
        assertThat(p.sampleLeadId()).isEqualTo(1);
        assertThat(p.renderedSample()).isEqualTo("Hi Lead 1");
        assertThat(p.willSend() + p.totalSkipped()).isEqualTo(p.scanned());
    }

    @Test
    void aMarketingTemplateIsNotSentToUsNumbersOutsideTheWindow() {
        mixedLeads();
        MessageTemplate t = boundTemplate(TemplateCategory.GREETING, "spring_offer");
        PreviewConfig config = PreviewConfig.ofDefaults().withRateCard(RateCard.sample())
                .withProviderTemplates(List.of(new ProviderTemplate("spring_offer", "en", "MARKETING", "APPROVED", 1,
                        List.of(), null, "Hello {{1}}")));

        CampaignPreview p = previews(config).previewCampaign(MARKETER,
                CampaignSpec.builder().name("x").templateId(t.id()).build(), 11L);

        assertThat(p.templateCategory()).isEqualTo(PricingCategory.MARKETING);
        assertThat(p.skipped(PreviewSkip.MARKETING_TO_US_NUMBER)).isEqualTo(6);
        assertThat(p.skipped(PreviewSkip.OUTSIDE_SERVICE_WINDOW)).isZero();
        assertThat(p.templateSends()).isEqualTo(2);
        assertThat(p.freeFormSends()).isEqualTo(1);
        assertThat(p.renderedSample()).isEqualTo("Hello Ada");
        assertThat(p.cost().total()).isEqualByComparingTo(new BigDecimal("0.1060"));
        assertThat(p.cost().priced()).isEqualTo(2);
        assertThat(p.cost().free()).isEqualTo(1);
    }

    @Test
    void aUtilityTemplateReachesUsNumbersAndIsPricedByCountry() {
        mixedLeads();
        MessageTemplate t = boundTemplate(TemplateCategory.REMINDER, "renewal_due");

        CampaignPreview p = previews(PreviewConfig.ofDefaults().withRateCard(RateCard.sample()))
                .previewCampaign(MARKETER, CampaignSpec.builder().name("x").templateId(t.id()).build(), null);

        assertThat(p.templateCategory()).isEqualTo(PricingCategory.UTILITY);
        assertThat(p.assumptions()).anyMatch(a -> a.contains("assumed UTILITY"));
        assertThat(p.skipped(PreviewSkip.MARKETING_TO_US_NUMBER)).isZero();
        assertThat(p.templateSends()).isEqualTo(8);
        // 6 US at 0.0040 and 2 UK at 0.0220 (the sample card)
        assertThat(p.cost().total()).isEqualByComparingTo(new BigDecimal("0.0680"));
    }

    @Test
    void recipientsBeyondTheMessagingLimitAreCounted() {
        for (int i = 1; i <= 260; i++) {
            f.leads.put(Lead.builder(i).name("Lead " + i).mobile(uk(i)).status("new").build());
        }
        MessageTemplate t = boundTemplate(TemplateCategory.PROMOTIONAL, "spring_offer");
        CampaignSpec spec = CampaignSpec.builder().name("x").templateId(t.id()).build();

        CampaignPreview tier250 = previews(PreviewConfig.ofDefaults().withPaging(100, 1_000_000))
                .previewCampaign(MARKETER, spec, null);
        CampaignPreview tier2k = previews(PreviewConfig.ofDefaults().withMessagingLimit(MessagingLimit.TIER_2K))
                .previewCampaign(MARKETER, spec, null);

        assertThat(tier250.skipped(PreviewSkip.ABOVE_MESSAGING_LIMIT)).isEqualTo(10);
        assertThat(tier250.templateSends()).isEqualTo(250);
        assertThat(tier2k.skipped(PreviewSkip.ABOVE_MESSAGING_LIMIT)).isZero();
        assertThat(tier2k.templateSends()).isEqualTo(260);
    }

    @Test
    void theScanIsBoundedAndSaysSo() {
        f.withLeads(30);

        CampaignPreview p = previews(PreviewConfig.ofDefaults().withPaging(7, 20))
                .previewCampaign(MARKETER, CampaignSpec.builder().name("x").body("Hi").build(), null);

        assertThat(p.matchingLeads()).isEqualTo(30);
        assertThat(p.scanned()).isEqualTo(20);
        assertThat(p.complete()).isFalse();
        assertThat(p.assumptions()).anyMatch(a -> a.contains("first 20 of 30"));
    }

    @Test
    void durationFollowsTheThrottle() {
        try (Fixture open = new Fixture().withLeads(10)) {
            CampaignPreview p = new DefaultCampaignPreviewService(Access.wiring(open.leadReach), PreviewConfig.ofDefaults())
                    .previewCampaign(MARKETER, CampaignSpec.builder().name("x").body("Hi").messagesPerMinute(1).build(),
                            null);

            assertThat(p.willSend()).isEqualTo(10);
            assertThat(p.estimatedDuration()).isEqualTo(Duration.ofMinutes(10));
            assertThat(p.estimatedEnd()).isEqualTo(Fixture.NOON.plus(Duration.ofMinutes(10)));
        }
    }

    @Test
    void durationWaitsOutQuietHoursInEachLeadsZone() {
        try (Fixture open = new Fixture()) {
            // 30 leads in UTC, 15 in Tokyo (UTC+9); quiet 22:00-09:00 local; start 21:50 UTC on Monday.
            for (int i = 1; i <= 45; i++) {
                open.leads.put(Lead.builder(i).name("L" + i).mobile(Fixture.mobile(i))
                        .timeZone(i <= 30 ? ZoneId.of("UTC") : ZoneId.of("Asia/Tokyo")).build());
            }
            Instant start = Instant.parse("2026-03-02T21:50:00Z");   // Tokyo: Tuesday 06:50, quiet
            CampaignPreview p = new DefaultCampaignPreviewService(Access.wiring(open.leadReach), PreviewConfig.ofDefaults())
                    .previewCampaign(MARKETER, CampaignSpec.builder().name("x").body("Hi").messagesPerMinute(1)
                            .scheduledAt(start).build(), null);

            // 15 UTC leads by 22:05; Tokyo opens at 00:00 UTC (09:00 there): 15 by 00:15; the other
            // 15 UTC leads wait for 09:00 UTC and are done by 09:15.
            assertThat(p.estimatedEnd()).isEqualTo(Instant.parse("2026-03-03T09:15:00Z"));
        }
    }

    @Test
    void aSavedDraftIsPreviewedAndOtherStatesAreRefused() {
        f.withLeads(3);
        f.inbound(1, "hi");
        Campaign draft = f.service().createCampaign(Fixture.ADMIN, CampaignSpec.builder().name("d").body("Hey {name}")
                .build());

        CampaignPreview p = f.leadReach.preview().previewCampaign(MARKETER, draft.id(), 2L);

        assertThat(p.renderedSample()).isEqualTo("Hey Lead 2");
        assertThat(p.willSend()).isEqualTo(1);
        assertThat(p.skipped(PreviewSkip.OUTSIDE_SERVICE_WINDOW)).isEqualTo(2);
        f.service().executeCampaign(Fixture.ADMIN, draft.id());
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(MARKETER, draft.id(), null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(MARKETER, 999L, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void previewsNeedCampaignCreateAndAValidSpec() {
        f.withLeads(1);
        CampaignSpec spec = CampaignSpec.builder().name("x").body("Hi").build();
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(Actor.of("v", Permission.CAMPAIGN_VIEW), spec))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(MARKETER,
                CampaignSpec.builder().name("x").body("Hi {nope}").build()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(MARKETER,
                CampaignSpec.builder().name("x").templateId(42L).build()))
                .isInstanceOf(ValidationException.class);
        assertThat(f.leadReach.preview().previewCampaign(MARKETER,
                CampaignSpec.builder().name("x").body("Hi").target(TargetCriteria.builder().statuses("none").build())
                        .build()).renderedSample()).isNull();
    }

    @Test
    void aBodyTooLongToCreateIsRefusedByThePreviewToo() {
        f.withLeads(1);
        assertThatThrownBy(() -> f.leadReach.preview().previewCampaign(MARKETER,
                CampaignSpec.builder().body("x".repeat(4097)).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .anyMatch(err -> err.field().equals("body") && err.code().equals("too_long")));
    }
}
