package io.leadreach.internal;

import io.leadreach.attachment.StoredAttachment;
import io.leadreach.campaign.SkipReason;
import io.leadreach.lead.Lead;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.sending.SendWindow;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.transport.MediaFile;
import io.leadreach.transport.MessageContent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one answer to "may we send this lead this message now, and what?", asked by the campaign
 * runner for each claimed recipient, by the service for a single (or small bulk) send and a test
 * send, and by the preview and the bulk-send check for each lead they count. It is pure: the edges
 * look up the facts (the lead, its number, consent, the 24-hour window) and do the side effects
 * (rate limits, pacing, claims, exceptions); the rules and their order live only here.
 *
 * <p>The order, first match wins:
 * <ol>
 *   <li>{@link SkipReason#LEAD_NOT_FOUND}: no lead;</li>
 *   <li>{@link SkipReason#INVALID_NUMBER}: no valid mobile number;</li>
 *   <li>{@link SkipReason#OPTED_OUT};</li>
 *   <li>{@link SkipReason#OUTSIDE_SERVICE_WINDOW}: the lead has not written in 24 hours and there
 *       is no approved template to send instead;</li>
 *   <li>{@link SkipReason#TEMPLATE_NOT_APPROVED_FOR_NUMBER}: outside the window the approved template
 *       would go, but it is not approved in the WABA of the number it would go from
 *       ({@link Facts#templateApproved()});</li>
 *   <li>{@link SkipReason#MARKETING_TO_US_NUMBER}: outside the window the approved template would
 *       go, but it is a MARKETING one and the number is a +1 number, which Meta does not deliver;</li>
 *   <li>{@link SkipReason#MESSAGE_TOO_LONG}: inside the window, the message rendered for this lead
 *       is longer than WhatsApp takes ({@link MessageRules#MAX_TEXT}, or {@link MessageRules#MAX_CAPTION}
 *       as an attachment's caption); a template send does not carry the body, so it is not measured;</li>
 *   <li>{@link Defer}: quiet hours in the lead's time zone (its own, else the configured default),
 *       until they end;</li>
 *   <li>otherwise {@link Send}.</li>
 * </ol>
 *
 * <p>Every skip comes before the quiet-hours deferral. A skip is what would happen whenever the
 * lead were tried (only the window can change meanwhile, and the decision is asked again when a
 * deferred recipient comes due), so deferring such a lead to the morning only to skip it then
 * would hold it open for hours and tell the caller "try later" for something that cannot succeed.
 * It is also what lets the preview count skips without knowing when each lead would be sent: a
 * deferred lead is a send, later. Before this class the service checked the window before quiet
 * hours and the length after them, while the runner deferred for quiet hours first; the preview
 * did not know the MARKETING-to-+1 rule's twin in the runner (there was none) nor the length rule.
 */
public final class SendDecision {

    /** What to do with one lead. */
    public sealed interface Verdict permits Send, Skip, Defer {
    }

    /**
     * Send now.
     *
     * @param body     the message rendered for this lead (null when the draft has no body: the bulk-send check)
     * @param template whether the approved template goes instead of the free-form message (outside the window)
     */
    public record Send(String body, boolean template) implements Verdict {
    }

    /**
     * Do not send, ever, for this reason.
     *
     * @param reason why
     * @param detail what exceeded what, for {@link SkipReason#MESSAGE_TOO_LONG} ("has 4097 characters;
     *               at most 4096 are allowed"); null otherwise
     */
    public record Skip(SkipReason reason, String detail) implements Verdict {
        public Skip {
            Objects.requireNonNull(reason, "reason");
        }

        Skip(SkipReason reason) {
            this(reason, null);
        }
    }

    /** Not before {@code until} (quiet hours); then ask again. */
    public record Defer(Instant until) implements Verdict {
    }

    /**
     * The message as drafted.
     *
     * @param body           its body with {@code {variables}} (null when not known: the bulk-send check)
     * @param withAttachment whether an attachment goes with it (the body is then its caption)
     * @param binding        the approved template sent outside the window, or null
     * @param marketing      whether that template is a MARKETING one ({@link TemplateCategories})
     */
    public record Draft(String body, boolean withAttachment, WhatsAppTemplateBinding binding, boolean marketing) {
    }

    /**
     * What one lead's facts are, as the edge looked them up.
     *
     * @param lead      the lead (null when it no longer exists)
     * @param e164      its number in E.164 (null when it has no valid mobile number)
     * @param optedOut  whether it (or the number) opted out
     * @param inWindow  whether the number wrote in the last 24 hours (or the window rule is off)
     * @param templateApproved whether the draft's approved template may go from the number this lead
     *                  is sent from: its WABA's status is APPROVED, or was not reported
     *                  ({@link io.leadreach.template.WhatsAppTemplateBinding#usableIn(String)})
     */
    public record Facts(Lead lead, String e164, boolean optedOut, boolean inWindow, boolean templateApproved) {

        /** Facts whose template, if the draft has one, may go from the lead's number. */
        public Facts(Lead lead, String e164, boolean optedOut, boolean inWindow) {
            this(lead, e164, optedOut, inWindow, true);
        }
    }

    private final TemplateRenderer renderer;
    private final PhoneNumbers phones;
    private final SendWindow quietHours;
    private final ZoneId defaultZone;

    public SendDecision(TemplateRenderer renderer, PhoneNumbers phones, SendWindow quietHours, ZoneId defaultZone) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.quietHours = Objects.requireNonNull(quietHours, "quietHours");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    /** The decision with the engine's renderer, numbers, quiet hours and default zone. */
    public static SendDecision of(Wiring engine) {
        return new SendDecision(engine.renderer(), engine.phones(), engine.config().sendWindow(),
                engine.config().defaultZone());
    }

    /** The same rules without quiet hours: for a test send, which goes to the operator's own phone. */
    public SendDecision withoutQuietHours() {
        return new SendDecision(renderer, phones, SendWindow.always(), defaultZone);
    }

    /** The most characters a body may have: a text's, or an attachment's caption's. */
    public static int maxLength(boolean withAttachment) {
        return withAttachment ? MessageRules.MAX_CAPTION : MessageRules.MAX_TEXT;
    }

    /** The verdict for this lead and draft at {@code now}, by the rules in the order above. */
    public Verdict decide(Facts facts, Draft draft, Instant now) {
        Lead lead = facts.lead();
        if (lead == null) {
            return new Skip(SkipReason.LEAD_NOT_FOUND);
        }
        if (facts.e164() == null) {
            return new Skip(SkipReason.INVALID_NUMBER);
        }
        if (facts.optedOut()) {
            return new Skip(SkipReason.OPTED_OUT);
        }
        boolean template = !facts.inWindow();
        if (template && draft.binding() == null) {
            return new Skip(SkipReason.OUTSIDE_SERVICE_WINDOW);
        }
        if (template && !facts.templateApproved()) {
            return new Skip(SkipReason.TEMPLATE_NOT_APPROVED_FOR_NUMBER);
        }
        if (template && draft.marketing() && phones.countryCallingCode(facts.e164()) == 1) {
            return new Skip(SkipReason.MARKETING_TO_US_NUMBER);
        }
        String body = null;
        if (!template && draft.body() != null) {
            body = render(draft, lead);
            int max = maxLength(draft.withAttachment());
            if (body.length() > max) {
                return new Skip(SkipReason.MESSAGE_TOO_LONG, "has " + body.length() + " characters; at most " + max
                        + " are allowed");
            }
        }
        Instant allowed = quietHours.nextAllowed(now, lead.timeZone() != null ? lead.timeZone() : defaultZone);
        if (allowed.isAfter(now)) {
            return new Defer(allowed);
        }
        if (body == null && draft.body() != null) {
            body = render(draft, lead); // a template send logs the body it stands for
        }
        return new Send(body, template);
    }

    private String render(Draft draft, Lead lead) {
        return renderer.render(renderer.compile(draft.body()), LeadVariables.of(lead));
    }

    /**
     * What goes to the transport for a {@link Send}: the approved template (body parameters from the
     * lead's variables in the binding's order, the attachment as header media, no buttons) when
     * {@link Send#template()}, else the text, or the attachment with the body as its caption (none
     * when the body is empty). The one builder the runner, the service and the test send use.
     */
    public static MessageContent content(Send send, Lead lead, WhatsAppTemplateBinding binding,
                                         StoredAttachment attachment, Function<StoredAttachment, MediaFile> media) {
        if (send.template()) {
            Map<String, Object> vars = LeadVariables.of(lead);
            List<String> params = new ArrayList<>(binding.parameters().size());
            for (String name : binding.parameters()) {
                Object v = vars.get(name);
                params.add(v == null ? "" : v.toString());
            }
            return new MessageContent.Template(binding.name(), binding.language(), params,
                    attachment == null ? null : media.apply(attachment), List.of());
        }
        String body = send.body() == null ? "" : send.body();
        return attachment == null ? new MessageContent.Text(body, false)
                : new MessageContent.Media(media.apply(attachment), body.isEmpty() ? null : body);
    }
}
