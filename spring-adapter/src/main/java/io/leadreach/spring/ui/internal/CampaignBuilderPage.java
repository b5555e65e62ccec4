package io.leadreach.spring.ui.internal;

import io.leadreach.LeadWhatsAppService;
import io.leadreach.NotFoundException;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.spring.internal.Routes;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The campaign builder ({@code GET /leads/whatsapp/campaigns/create}, {@code text/html}, needs
 * {@code lead-whatsapp-campaign-create}): one page with four steps (target, message, schedule,
 * review) whose state lives in the browser ({@code campaign-builder.js}), so going back loses nothing.
 * The server renders what the script cannot ask for itself: the active library templates (a
 * campaign creator may send them, even without {@code template-manage}, which only guards editing
 * the library), the attachment policy, the configured quiet hours and defaults, the sender numbers
 * to choose from (when several are registered), value suggestions seen on the host's leads, and, for {@code ?fromCampaign=&status=}, the lead ids of that
 * campaign's recipients in those statuses (which also needs {@code campaign-view}).
 */
@RestController
public class CampaignBuilderPage {

    /** Leads read to suggest status, source, priority and attribute values. */
    static final int SUGGESTION_SAMPLE = 500;
    /** Suggested values per field at most. */
    static final int MAX_SUGGESTIONS = 30;
    /** Recipients read at most to prefill a target from another campaign. */
    static final int MAX_PREFILL = 10_000;
    /** Recipients read per store page when prefilling. */
    private static final int PAGE = 500;

    private final LeadWhatsAppService service;
    private final CampaignStore campaigns;
    private final TemplateStore templates;
    private final LeadDirectory leads;
    private final AttachmentPolicy policy;
    private final SendingConfig sending;
    private final int defaultMessagesPerMinute;
    private final int defaultMaxAttempts;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;
    private final SenderChoices senders;

    /** The page over the service and the stores it reads for its choices. */
    public CampaignBuilderPage(LeadWhatsAppService service, CampaignStore campaigns, TemplateStore templates,
                               LeadDirectory leads, AttachmentPolicy policy, SendingConfig sending,
                               int defaultMessagesPerMinute, int defaultMaxAttempts,
                               UiContexts contexts, ConsoleRenderer renderer, SenderChoices senders) {
        this.service = service;
        this.campaigns = campaigns;
        this.templates = templates;
        this.leads = leads;
        this.policy = policy;
        this.sending = sending;
        this.defaultMessagesPerMinute = defaultMessagesPerMinute;
        this.defaultMaxAttempts = defaultMaxAttempts;
        this.contexts = contexts;
        this.renderer = renderer;
        this.senders = senders;
    }

    /** An active library template the picker offers. */
    public record TemplateOption(long id, String name, String category, String body, boolean bound,
                                 String attachmentName) {
    }

    /** The target taken from another campaign's recipients ({@code ?fromCampaign=&status=}). */
    public record Prefill(long campaignId, String campaignName, String statuses, List<Long> leadIds,
                          boolean truncated, String problem) {
        /** The ids as the script reads them: comma-separated. */
        public String ids() {
            return leadIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
    }

    /**
     * Everything the page shows besides the user's own input; {@code senderNumbers}: the numbers
     * "Send from" offers, empty when only one is registered (then there is nothing to choose).
     */
    public record Model(List<TemplateOption> templates, long maxAttachmentBytes, String allowedTypes,
                        String quietHours, boolean quietHoursOn, String defaultZone, int messagesPerMinute,
                        int maxAttempts, List<String> statuses, List<String> sources, List<String> priorities,
                        List<String> attributeNames, Prefill prefill, boolean canExecute,
                        List<SenderChoices.Option> senderNumbers) {
        /** The policy's size limit in words. */
        public String maxAttachmentSize() {
            long mb = maxAttachmentBytes / (1024 * 1024);
            return mb * 1024 * 1024 == maxAttachmentBytes ? mb + " MB" : (maxAttachmentBytes / 1024) + " KB";
        }
    }

    /** The builder page. */
    @GetMapping(path = Routes.CAMPAIGN_BUILDER, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> builder(HttpServletRequest request,
                                          @RequestParam(name = "fromCampaign", required = false) Long fromCampaign,
                                          @RequestParam(name = "status", required = false) String status) {
        UiContext ui = contexts.of(request, "campaigns");
        ui.actor().require(Permission.CAMPAIGN_CREATE);
        Prefill prefill = fromCampaign == null ? null : prefill(ui, fromCampaign, status);

        List<TemplateOption> options = new ArrayList<>();
        for (MessageTemplate t : templates.findAll(true)) {
            options.add(new TemplateOption(t.id(), t.name(), t.category().name(), t.body(),
                    t.usableBinding() != null, t.attachment() == null ? null : t.attachment().filename()));
        }
        List<Lead> sample = leads.page(TargetCriteria.all(), 0, SUGGESTION_SAMPLE);
        SendWindow window = sending.sendWindow();
        String quiet = window.hasQuietHours()
                ? window.quietStart() + " to " + window.quietEnd() + " in each lead's time zone (leads without one: "
                + sending.defaultZone().getId() + ")"
                : "none configured";
        Model model = new Model(options, policy.maxSize(), String.join(",", new TreeSet<>(policy.allowedTypes())),
                quiet, window.hasQuietHours(), sending.defaultZone().getId(), defaultMessagesPerMinute,
                defaultMaxAttempts, distinct(sample, Lead::status), distinct(sample, Lead::source),
                distinct(sample, Lead::priority),
                sample.stream().flatMap(l -> l.attributes().keySet().stream()).distinct().sorted()
                        .limit(MAX_SUGGESTIONS).toList(),
                prefill, ui.can(Permission.CAMPAIGN_EXECUTE), senders.several() ? senders.options() : List.of());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("m", model);
        return renderer.page("campaigns/builder.jte", params);
    }

    private static List<String> distinct(List<Lead> sample, Function<Lead, String> field) {
        return sample.stream().map(field).filter(v -> v != null && !v.isBlank()).distinct().sorted()
                .limit(MAX_SUGGESTIONS).toList();
    }

    /** The lead ids of the campaign's recipients in the given statuses (all when none), read page by page. */
    private Prefill prefill(UiContext ui, long campaignId, String status) {
        if (!ui.can(Permission.CAMPAIGN_VIEW)) {
            return new Prefill(campaignId, null, "", List.of(), false,
                    "Taking the leads of another campaign needs the campaign-view permission.");
        }
        Campaign campaign;
        try {
            campaign = service.getCampaign(ui.actor(), campaignId); // needs campaign-view
        } catch (NotFoundException e) {
            return new Prefill(campaignId, null, "", List.of(), false, "Campaign " + campaignId + " does not exist.");
        }
        Set<RecipientStatus> wanted = EnumSet.noneOf(RecipientStatus.class);
        if (status != null) {
            for (String part : status.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    wanted.add(RecipientStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    return new Prefill(campaignId, campaign.name(), status, List.of(), false,
                            "Unknown recipient status '" + (part.length() > 40 ? part.substring(0, 40) : part)
                                    + "'; known are " + List.of(RecipientStatus.values()) + ".");
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        boolean truncated = false;
        long after = 0;
        outer:
        while (true) {
            List<CampaignRecipient> page = campaigns.recipients(campaign.id(), after, PAGE);
            for (CampaignRecipient r : page) {
                after = r.id();
                if ((wanted.isEmpty() || wanted.contains(r.status())) && seen.add(r.leadId())) {
                    if (ids.size() == MAX_PREFILL) {
                        truncated = true;
                        break outer;
                    }
                    ids.add(r.leadId());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        String words = wanted.isEmpty() ? "" : wanted.stream().map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new Prefill(campaignId, campaign.name(), words, ids, truncated,
                ids.isEmpty() ? "No recipient of that campaign is " + (words.isEmpty() ? "left" : words) + "." : null);
    }
}
