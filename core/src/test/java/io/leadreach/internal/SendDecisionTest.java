package io.leadreach.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.analytics.PricingCategory;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.SendDecision.Defer;
import io.leadreach.internal.SendDecision.Draft;
import io.leadreach.internal.SendDecision.Facts;
import io.leadreach.internal.SendDecision.Send;
import io.leadreach.internal.SendDecision.Skip;
import io.leadreach.lead.Lead;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.sending.SendWindow;
import io.leadreach.template.ProviderTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.MessageContent;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendDecisionTest {

    /** Monday noon UTC: outside the default quiet hours (22:00-09:00) in UTC. */
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    /** Monday 23:00 UTC: quiet in UTC until Tuesday 09:00. */
    private static final Instant LATE = Instant.parse("2026-03-02T23:00:00Z");
    private static final String US = "+12015550101";
    private static final String UK = "+447400123001";
    private static final WhatsAppTemplateBinding BINDING =
            new WhatsAppTemplateBinding("spring_offer", "en_US", List.of("first_name", "product_interest"));

    private final SendDecision decision = new SendDecision(TemplateRenderer.forVariables(LeadVariables.NAMES),
            new PhoneNumbers("US"), SendWindow.ofDefaults(), ZoneId.of("UTC"));

    private static Lead lead(String mobile) {
        return Lead.builder(7).name("Ada Lovelace").mobile(mobile).productInterest("home loan").build();
    }

    private static Facts facts(String e164, boolean optedOut, boolean inWindow) {
        return new Facts(lead(e164), e164, optedOut, inWindow);
    }

    private static Draft text(String body) {
        return new Draft(body, false, null, false);
    }

    private static Draft marketing(String body) {
        return new Draft(body, false, BINDING, true);
    }

    private SendDecision.Verdict at(Instant now, Facts facts, Draft draft) {
        return decision.decide(facts, draft, now);
    }

    // ------------------------------------------------------------ each rule

    @Test
    void aLeadThatIsGoneIsNotFound() {
        assertThat(at(NOON, new Facts(null, US, false, true), text("Hi"))).isEqualTo(
                new Skip(SkipReason.LEAD_NOT_FOUND, null));
    }

    @Test
    void aLeadWithoutAValidMobileNumberIsSkipped() {
        assertThat(at(NOON, new Facts(lead("12345"), null, false, true), text("Hi")))
                .isEqualTo(new Skip(SkipReason.INVALID_NUMBER, null));
    }

    @Test
    void anOptedOutLeadIsSkippedEvenInsideTheWindow() {
        assertThat(at(NOON, facts(US, true, true), text("Hi"))).isEqualTo(new Skip(SkipReason.OPTED_OUT, null));
    }

    @Test
    void outsideTheWindowFreeFormIsSkippedAndATemplateGoesInstead() {
        assertThat(at(NOON, facts(US, false, false), text("Hi")))
                .isEqualTo(new Skip(SkipReason.OUTSIDE_SERVICE_WINDOW, null));
        Draft utility = new Draft("Hi {first_name}", false, BINDING, false);
        assertThat(at(NOON, facts(US, false, false), utility)).isEqualTo(new Send("Hi Ada", true));
    }

    @Test
    void aTemplateNotApprovedForTheSendingNumberIsNotSentOutsideTheWindowWhileFreeFormInsideGoes() {
        Draft utility = new Draft("Hi {first_name}", false, BINDING, false);
        Lead ada = lead(US);
        assertThat(at(NOON, new Facts(ada, US, false, false, false), utility))
                .isEqualTo(new Skip(SkipReason.TEMPLATE_NOT_APPROVED_FOR_NUMBER, null));
        assertThat(at(LATE, new Facts(ada, US, false, false, false), marketing("Hi")))
                .as("before the +1 rule and the quiet hours")
                .isEqualTo(new Skip(SkipReason.TEMPLATE_NOT_APPROVED_FOR_NUMBER, null));
        assertThat(at(NOON, new Facts(ada, US, false, true, false), utility)).isEqualTo(new Send("Hi Ada", false));
        assertThat(at(NOON, new Facts(ada, US, false, false, false), text("Hi")))
                .as("no template: the window rule answers").isEqualTo(new Skip(SkipReason.OUTSIDE_SERVICE_WINDOW, null));
        assertThat(at(NOON, new Facts(ada, US, true, false, false), utility))
                .isEqualTo(new Skip(SkipReason.OPTED_OUT, null));
    }

    @Test
    void aMarketingTemplateIsNotSentToAPlusOneNumberOutsideTheWindow() {
        assertThat(at(NOON, facts(US, false, false), marketing("Hi {first_name}")))
                .isEqualTo(new Skip(SkipReason.MARKETING_TO_US_NUMBER, null));
        // elsewhere it goes; inside the window the free-form text goes, to +1 numbers too
        assertThat(at(NOON, facts(UK, false, false), marketing("Hi {first_name}"))).isEqualTo(new Send("Hi Ada", true));
        assertThat(at(NOON, facts(US, false, true), marketing("Hi {first_name}"))).isEqualTo(new Send("Hi Ada", false));
    }

    @Test
    void theRenderedMessageMustFitATextOrACaption() {
        String fits = "x".repeat(4096);
        assertThat(at(NOON, facts(US, false, true), text(fits))).isEqualTo(new Send(fits, false));
        assertThat(at(NOON, facts(US, false, true), text(fits + "y")))
                .isEqualTo(new Skip(SkipReason.MESSAGE_TOO_LONG, "has 4097 characters; at most 4096 are allowed"));
        // rendered for the lead ("Ada"): the variable makes it too long as a caption, not the draft
        assertThat(at(NOON, facts(US, false, true), new Draft("x".repeat(1022) + "{first_name}", true, null, false)))
                .isEqualTo(new Skip(SkipReason.MESSAGE_TOO_LONG, "has 1025 characters; at most 1024 are allowed"));
        assertThat(at(NOON, facts(US, false, true), new Draft("x".repeat(1021) + "{first_name}", true, null, false)))
                .isInstanceOf(Send.class);
    }

    @Test
    void aTemplateSendIsNotMeasuredByTheBodyItStandsFor() {
        String long5k = "x".repeat(5000);
        assertThat(at(NOON, facts(UK, false, false), marketing(long5k))).isEqualTo(new Send(long5k, true));
    }

    @Test
    void quietHoursDeferToTheirEndInTheLeadsOwnZoneElseTheDefault() {
        assertThat(at(LATE, facts(US, false, true), text("Hi")))
                .isEqualTo(new Defer(Instant.parse("2026-03-03T09:00:00Z")));
        // 23:00 UTC is 08:00 on Tuesday in Tokyo: quiet until 09:00 there (00:00 UTC)
        Facts tokyo = new Facts(lead(US).toBuilder().timeZone(ZoneId.of("Asia/Tokyo")).build(), US, false, true);
        assertThat(at(LATE, tokyo, text("Hi"))).isEqualTo(new Defer(Instant.parse("2026-03-03T00:00:00Z")));
        // noon UTC is 21:00 in Tokyo: sent
        assertThat(at(NOON, tokyo, text("Hi"))).isEqualTo(new Send("Hi", false));
        assertThat(decision.withoutQuietHours().decide(facts(US, false, true), text("Hi"), LATE))
                .isEqualTo(new Send("Hi", false));
    }

    @Test
    void aDraftWithoutABodyIsNotMeasured() {
        assertThat(at(NOON, facts(US, false, true), text(null))).isEqualTo(new Send(null, false));
    }

    // ------------------------------------------------------------ the order

    @Test
    void everySkipComesBeforeTheQuietHoursDeferral() {
        assertThat(at(LATE, facts(US, true, true), text("Hi"))).isEqualTo(new Skip(SkipReason.OPTED_OUT, null));
        assertThat(at(LATE, facts(US, false, false), text("Hi")))
                .isEqualTo(new Skip(SkipReason.OUTSIDE_SERVICE_WINDOW, null));
        assertThat(at(LATE, facts(US, false, false), marketing("Hi")))
                .isEqualTo(new Skip(SkipReason.MARKETING_TO_US_NUMBER, null));
        assertThat(at(LATE, facts(US, false, true), text("x".repeat(4097))))
                .isInstanceOfSatisfying(Skip.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.MESSAGE_TOO_LONG));
    }

    @Test
    void theRulesApplyInTheirOrder() {
        // each case breaks every rule from one on: the first broken one answers
        assertThat(at(LATE, new Facts(null, null, true, false), marketing("x".repeat(5000))))
                .isEqualTo(new Skip(SkipReason.LEAD_NOT_FOUND, null));
        assertThat(at(LATE, new Facts(lead("12345"), null, true, false), text("x".repeat(5000))))
                .isEqualTo(new Skip(SkipReason.INVALID_NUMBER, null));
        assertThat(at(LATE, facts(US, true, false), text("x".repeat(5000))))
                .isEqualTo(new Skip(SkipReason.OPTED_OUT, null));
        assertThat(at(LATE, facts(US, false, false), text("x".repeat(5000))))
                .isEqualTo(new Skip(SkipReason.OUTSIDE_SERVICE_WINDOW, null));
        assertThat(at(LATE, facts(US, false, false), marketing("x".repeat(5000))))
                .isEqualTo(new Skip(SkipReason.MARKETING_TO_US_NUMBER, null));
        assertThat(at(LATE, facts(US, false, true), marketing("x".repeat(5000))))
                .isInstanceOfSatisfying(Skip.class, s -> assertThat(s.reason()).isEqualTo(SkipReason.MESSAGE_TOO_LONG));
        assertThat(at(LATE, facts(US, false, true), marketing("Hi"))).isInstanceOf(Defer.class);
        assertThat(at(NOON, facts(US, false, true), marketing("Hi"))).isEqualTo(new Send("Hi", false));
    }

    // ------------------------------------------------------------ what is sent

    @Test
    void theContentIsTheTemplateTheTextOrTheMediaWithItsCaption() {
        Lead lead = lead(US).toBuilder().productInterest(null).build();
        StoredAttachment pdf = new StoredAttachment("a1", "offer.pdf", "application/pdf", 3, "abc");
        MediaFile file = new MediaFile(pdf, () -> new ByteArrayInputStream(new byte[3]));

        assertThat(SendDecision.content(new Send("Hi Ada", true), lead, BINDING, pdf, a -> file))
                .isEqualTo(new MessageContent.Template("spring_offer", "en_US", List.of("Ada", ""), file, List.of()));
        assertThat(SendDecision.content(new Send("Hi Ada", false), lead, null, null, a -> file))
                .isEqualTo(new MessageContent.Text("Hi Ada", false));
        assertThat(SendDecision.content(new Send("Hi Ada", false), lead, null, pdf, a -> file))
                .isEqualTo(new MessageContent.Media(file, "Hi Ada"));
        assertThat(SendDecision.content(new Send("", false), lead, null, pdf, a -> file))
                .isEqualTo(new MessageContent.Media(file, null));
    }

    @Test
    void aBindingsCategoryIsTheProvidersElseAssumedFromTheLibrarys() {
        TemplateCategories none = TemplateCategories.NONE;
        assertThat(none.of(BINDING, TemplateCategory.PROMOTIONAL))
                .isEqualTo(new TemplateCategories.Category(PricingCategory.MARKETING, true));
        assertThat(none.of(BINDING, null).category()).isEqualTo(PricingCategory.MARKETING);
        assertThat(none.of(BINDING, TemplateCategory.REMINDER).category()).isEqualTo(PricingCategory.UTILITY);
        TemplateCategories synced = new TemplateCategories(List.of(
                new ProviderTemplate("spring_offer", "EN_us", "UTILITY", "APPROVED", 2, List.of(), null, null)));
        assertThat(synced.of(BINDING, TemplateCategory.PROMOTIONAL))
                .isEqualTo(new TemplateCategories.Category(PricingCategory.UTILITY, false));
        assertThat(synced.isMarketing(BINDING, TemplateCategory.PROMOTIONAL)).isFalse();
        assertThat(synced.isMarketing(null, TemplateCategory.PROMOTIONAL)).isFalse();
    }
}
