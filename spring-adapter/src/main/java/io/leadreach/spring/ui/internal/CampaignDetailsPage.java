package io.leadreach.spring.ui.internal;

import io.leadreach.CampaignStatistics;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.ValidationException;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.history.RecipientPage;
import io.leadreach.history.RecipientRow;
import io.leadreach.lead.Lead;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Routes;
import io.leadreach.transport.WhatsAppErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign details page ({@code GET /leads/whatsapp/campaigns/{id}} asking for {@code text/html}):
 * live figures that always add up to the recipients, a progress bar, the funnel, a delivery status
 * pie chart, the failed recipients with "Retry failed", the per-lead table with a status filter and
 * keyset paging, the state actions legal now, the CSV export, and "new campaign to these leads".
 *
 * <p>Fragments for htmx at the same path family, all {@code text/html}: the live region
 * ({@code GET .../{id}} with {@code HX-Request}), the recipients table ({@code GET .../{id}/recipients};
 * API clients asking for JSON still get the JSON page there), the failed table
 * ({@code .../recipients?view=failed}); the actions post to the API's own paths with
 * {@code ?view=details} and answer the live region. {@code GET .../{id}/lead-ids} answers JSON: the
 * lead ids of a status filter, for the builder's "new campaign to these leads".
 */
@RestController
public class CampaignDetailsPage {

    /** Recipients per page of the per-lead table. */
    static final int PAGE_SIZE = 25;
    /** Failed recipients shown in the failed table (the per-lead table pages through all of them). */
    static final int FAILED_SHOWN = 10;
    /** The most lead ids {@code GET .../lead-ids} answers; beyond, it says {@code truncated}. */
    public static final int MAX_LEAD_IDS = 100_000;
    /** How many previous cursors the pager carries for "Previous". */
    static final int MAX_TRAIL = 200;
    private static final int SCAN_PAGE = 500;
    /**
     * How long after a campaign ends its page keeps asking for new figures while recipients still owe
     * their delivered or read receipts (the end comes when the last message is handed over, not when
     * it is read). Reload the page for later ones.
     */
    static final Duration RECEIPTS_WINDOW = Duration.ofDays(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LeadWhatsAppService service;
    private final MessageHistoryService history;
    private final CampaignStore campaigns;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;
    private final ZoneId zone;
    private final Clock clock;
    private final DateTimeFormatter timeFormat;
    private final DateTimeFormatter dateTimeFormat;
    private final SenderChoices senders;

    /** The page over the core's services, showing times in {@code zone} and numbers as {@code senders} words them. */
    public CampaignDetailsPage(LeadWhatsAppService service, MessageHistoryService history, CampaignStore campaigns,
                               UiContexts contexts, ConsoleRenderer renderer, ZoneId zone, Clock clock,
                               SenderChoices senders) {
        this.service = Objects.requireNonNull(service, "service");
        this.history = Objects.requireNonNull(history, "history");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeFormat = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH).withZone(zone);
        this.dateTimeFormat = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).withZone(zone);
        this.senders = Objects.requireNonNull(senders, "senders");
    }

    // ---------------------------------------------------------------------------------------------
    // View models

    /** One part of the figures: every recipient is in exactly one bucket. */
    public record Bucket(String key, String label, long count, String filter, String color) {
    }

    /** One step of the funnel, linking to the table filtered to it. */
    public record Step(String label, long count, String percent, String filter, String replied) {
    }

    /**
     * The live region: the campaign's status, figures and the actions legal now. {@code terminal}: the
     * campaign is COMPLETED or CANCELLED, so nothing more is sent; {@code awaitingReceipts}: it is, but
     * some of its messages may still be delivered or read (see {@link #RECEIPTS_WINDOW}), so the
     * region still refreshes, slowly. {@code sendsFrom}: the number(s) it sends from in words, null
     * when only one number is registered.
     */
    public record Live(Campaign campaign, CampaignStatistics stats, List<Bucket> buckets, long total,
                       List<Step> funnel, String chart, List<String> actions, boolean terminal, boolean awaitingReceipts,
                       boolean canRetry, String progressLabel, String timeLeft, String signature, String started,
                       String completed, String sendsFrom) {
        /** The region's htmx trigger: a poll every 2 s while sending, every 5 s while receipts may come, else none. */
        public String trigger() {
            return !terminal ? "every 2s, lr-refresh" : awaitingReceipts ? "every 5s, lr-refresh" : "lr-refresh";
        }

        /** The progress in percent, 0 to 100. */
        public long percent() {
            return Math.round(stats.progress() * 100);
        }

        /** The recipients settled (not pending, claimed or being sent). */
        public long settled() {
            return total - stats.counters().open();
        }
    }

    /** One line of the per-lead or failed table. */
    public record Line(long id, long leadId, String leadName, String mobile, RecipientStatus status, String note,
                       int attempts, String sent, String delivered, String read, String replied, String errorCode,
                       String errorMeaning, String errorMessage) {
    }

    /** A choice of the status filter. */
    public record Choice(String value, String label) {
    }

    /** The per-lead table: its rows, its filter and where its pages lead. */
    public record Table(long campaignId, List<Line> lines, String status, String replied, List<Choice> choices,
                        long matching, boolean exact, long from, String self, String next, String previous,
                        String nextPage, String previousPage, String builder, String leadIds) {
    }

    /** The failed table. */
    public record Failed(long campaignId, List<Line> lines, long failed, boolean canRetry) {
    }

    // ---------------------------------------------------------------------------------------------
    // Page and fragments

    /**
     * The page, or only its live region for an htmx request ({@code HX-Request}); a poll that sends the
     * signature of the figures it shows ({@code since}) gets 204 when they have not changed.
     */
    @GetMapping(path = Routes.CAMPAIGN, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> details(HttpServletRequest request, @PathVariable("id") long id,
                                          @RequestParam(name = "status", required = false) String status,
                                          @RequestParam(name = "replied", required = false) String replied,
                                          @RequestParam(name = "after", required = false) String after,
                                          @RequestParam(name = "trail", required = false) String trail,
                                          @RequestParam(name = "since", required = false) String since,
                                          @RequestHeader(name = "HX-Request", required = false) String htmx,
                                          @RequestHeader(name = "HX-History-Restore-Request", required = false)
                                          String restore) {
        UiContext ui = contexts.of(request, "campaigns");
        Campaign campaign = service.getCampaign(ui.actor(), id);
        Live live = live(ui.actor(), campaign);
        if (htmx != null && restore == null) {
            if (live.signature().equals(since)) {
                // A poll whose figures have not changed: nothing to swap.
                return ResponseEntity.noContent().header("Vary", "Accept, HX-Request").build();
            }
            return renderer.page("campaigns/live.jte", Map.of("ui", ui, "live", live));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("live", live);
        params.put("table", table(ui, campaign, live.stats().counters(), status, replied, cursor(after), trail));
        params.put("failed", failed(ui.actor(), campaign, live));
        params.put("zone", zoneLabel());
        return renderer.page("campaigns/details.jte", params);
    }

    /**
     * The recipients table ({@code view=failed}: the failed table) as HTML for htmx. A browser that
     * opens it as a page (no {@code HX-Request}) is sent to the details page with the same filter.
     */
    @GetMapping(path = Routes.CAMPAIGN_RECIPIENTS, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> recipients(HttpServletRequest request, @PathVariable("id") long id,
                                             @RequestParam(name = "status", required = false) String status,
                                             @RequestParam(name = "replied", required = false) String replied,
                                             @RequestParam(name = "after", required = false) String after,
                                             @RequestParam(name = "trail", required = false) String trail,
                                             @RequestParam(name = "view", required = false) String view,
                                             @RequestHeader(name = "HX-Request", required = false) String htmx,
                                             @RequestHeader(name = "HX-History-Restore-Request", required = false)
                                             String restore) {
        UiContext ui = contexts.of(request, "campaigns");
        Campaign campaign = service.getCampaign(ui.actor(), id);
        if (htmx == null || restore != null) {
            StringBuilder query = new StringBuilder();
            if (!"failed".equals(view)) {
                for (String[] p : new String[][] {{"status", status}, {"replied", replied}, {"after", after},
                        {"trail", trail}}) {
                    if (p[1] != null && !p[1].isBlank()) {
                        query.append(query.length() == 0 ? '?' : '&').append(p[0]).append('=').append(enc(p[1]));
                    }
                }
            }
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create(ui.url("/leads/whatsapp/campaigns/" + id) + query))
                    .build();
        }
        CampaignStatistics stats = service.getCampaignStatistics(ui.actor(), id);
        if ("failed".equals(view)) {
            Live live = live(ui.actor(), campaign);
            return renderer.page("campaigns/failed.jte", Map.of("ui", ui, "failed", failed(ui.actor(), campaign, live)));
        }
        return renderer.page("campaigns/recipients.jte", Map.of("ui", ui, "table",
                table(ui, campaign, stats.counters(), status, replied, cursor(after), trail), "zone", zoneLabel()));
    }

    /** Starts a campaign from its page; answers the live region. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "execute", produces = MediaType.TEXT_HTML_VALUE, params = "view=details")
    public ResponseEntity<String> execute(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return livePage(ui, service.executeCampaign(ui.actor(), id), null);
    }

    /** Pauses a campaign from its page. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "pause", produces = MediaType.TEXT_HTML_VALUE, params = "view=details")
    public ResponseEntity<String> pause(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return livePage(ui, service.pauseCampaign(ui.actor(), id), null);
    }

    /** Resumes a campaign from its page. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "resume", produces = MediaType.TEXT_HTML_VALUE, params = "view=details")
    public ResponseEntity<String> resume(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return livePage(ui, service.resumeCampaign(ui.actor(), id), null);
    }

    /** Cancels a campaign from its page. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "cancel", produces = MediaType.TEXT_HTML_VALUE, params = "view=details")
    public ResponseEntity<String> cancel(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return livePage(ui, service.cancelCampaign(ui.actor(), id), null);
    }

    /**
     * Queues the retryable failures again ({@code POST .../retry-failed} asking for {@code text/html});
     * answers the live region and says in the flash bar how many were queued.
     */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "retry-failed", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> retryFailed(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        int requeued = service.retryFailedMessages(ui.actor(), id);
        String text = requeued == 0
                ? "No failure could be retried: the remaining ones are permanent (see their error codes)."
                : requeued + " failed recipient" + (requeued == 1 ? " is" : "s are") + " queued to be sent again.";
        return livePage(ui, service.getCampaign(ui.actor(), id), Map.of("text", text, "kind", requeued == 0 ? "info" : "ok"));
    }

    /**
     * The lead ids of the campaign's recipients in these statuses (all when absent), optionally only
     * those who replied ({@code replied=yes}) or did not ({@code replied=no}): JSON, for the builder's
     * "new campaign to these leads". At most {@link #MAX_LEAD_IDS}; {@code truncated} says when there
     * were more.
     */
    @GetMapping(path = Routes.CAMPAIGN_LEAD_IDS, produces = MediaType.APPLICATION_JSON_VALUE)
    public LeadIds leadIds(HttpServletRequest request, @PathVariable("id") long id,
                           @RequestParam(name = "status", required = false) List<String> status,
                           @RequestParam(name = "replied", required = false) String replied) {
        Actor actor = contexts.of(request, "campaigns").actor();
        Campaign campaign = service.getCampaign(actor, id);
        Set<RecipientStatus> statuses = strictStatuses(status);
        Boolean wantReplied = strictReplied(replied);
        List<Long> ids = new ArrayList<>();
        boolean truncated = false;
        long after = 0;
        scan:
        while (true) {
            List<CampaignRecipient> page = campaigns.recipients(campaign.id(), statuses, after, SCAN_PAGE);
            for (CampaignRecipient r : page) {
                after = r.id();
                if (wantReplied != null && wantReplied != (r.repliedAt() != null)) {
                    continue;
                }
                if (ids.size() == MAX_LEAD_IDS) {
                    truncated = true;
                    break scan;
                }
                ids.add(r.leadId());
            }
            if (page.size() < SCAN_PAGE) {
                break;
            }
        }
        return new LeadIds(campaign.id(), statuses.stream().map(Enum::name).toList(),
                wantReplied == null ? null : wantReplied ? "yes" : "no", ids.size(), truncated, ids);
    }

    /**
     * The lead ids of a campaign's recipients by status.
     *
     * @param campaignId the campaign
     * @param statuses   the statuses asked for (empty: all)
     * @param replied    {@code yes}, {@code no}, or null for either
     * @param count      how many ids follow
     * @param truncated  whether there were more than {@link #MAX_LEAD_IDS}
     * @param leadIds    the ids, in the order the recipients were added
     */
    public record LeadIds(long campaignId, List<String> statuses, String replied, int count, boolean truncated,
                          List<Long> leadIds) {
    }

    // ---------------------------------------------------------------------------------------------

    private ResponseEntity<String> livePage(UiContext ui, Campaign campaign, Map<String, String> flash) {
        ResponseEntity<String> page = renderer.page("campaigns/live.jte", Map.of("ui", ui, "live",
                live(ui.actor(), campaign)));
        if (flash == null) {
            return page;
        }
        return ResponseEntity.status(page.getStatusCode()).headers(page.getHeaders())
                .header("HX-Trigger", JSON.writeValueAsString(Map.of("lr-flash", flash)))
                .body(page.getBody());
    }

    private Live live(Actor actor, Campaign campaign) {
        CampaignStatistics stats = service.getCampaignStatistics(actor, campaign.id());
        CampaignCounters n = stats.counters();
        List<Bucket> buckets = buckets(n);
        long total = n.total();
        List<Step> funnel = List.of(
                new Step("Targeted", total, null, "", ""),
                new Step("Sent", n.sent(), percent(n.sent(), total), "SENT,DELIVERED,READ", ""),
                new Step("Delivered", n.delivered(), percent(n.delivered(), n.sent()), "DELIVERED,READ", ""),
                new Step("Read", n.read(), percent(n.read(), n.sent()), "READ", ""),
                new Step("Replied", stats.replied(), percent(stats.replied(), n.sent()), "", "yes"));
        boolean terminal = campaign.status() == CampaignStatus.COMPLETED || campaign.status() == CampaignStatus.CANCELLED;
        boolean awaitingReceipts = terminal && n.get(RecipientStatus.SENT) + n.get(RecipientStatus.DELIVERED) > 0
                && campaign.completedAt() != null
                && clock.instant().isBefore(campaign.completedAt().plus(RECEIPTS_WINDOW));
        boolean canRetry = actor.has(Permission.CAMPAIGN_EXECUTE) && n.failed() > 0
                && (campaign.status() == CampaignStatus.ACTIVE || campaign.status() == CampaignStatus.PAUSED
                || campaign.status() == CampaignStatus.COMPLETED);
        String progressLabel = (total - n.open()) + " of " + total + " settled"
                + (campaign.materialized() ? "" : " (recipients still being added)");
        String timeLeft = n.open() == 0 || terminal ? null : "about " + words(stats.estimatedTimeLeft()) + " of sending left";
        StringBuilder signature = new StringBuilder(campaign.status().name());
        for (Bucket b : buckets) {
            signature.append('.').append(b.count());
        }
        signature.append('.').append(stats.replied());
        return new Live(campaign, stats, buckets, total, funnel, chart(buckets), CampaignListPage.actions(actor,
                campaign.status()), terminal, awaitingReceipts, canRetry, progressLabel, timeLeft, signature.toString(),
                campaign.startedAt() == null ? null : dateTimeFormat.format(campaign.startedAt()),
                campaign.completedAt() == null ? null : dateTimeFormat.format(campaign.completedAt()),
                senders.several() || !campaign.senderNumbers().isEmpty() ? senders.describe(campaign.senderNumbers())
                        : null);
    }

    /** The buckets every recipient is in exactly one of, in the order shown; they add up to the total. */
    static List<Bucket> buckets(CampaignCounters n) {
        return List.of(
                new Bucket("OPEN", "Pending / in progress", n.open(), "OPEN", "#9aa5b1"),
                new Bucket("SENT", "Sent, not yet delivered", n.get(RecipientStatus.SENT), "SENT", "#7cc4b8"),
                new Bucket("DELIVERED", "Delivered, not read", n.get(RecipientStatus.DELIVERED), "DELIVERED", "#128c7e"),
                new Bucket("READ", "Read", n.get(RecipientStatus.READ), "READ", "#075e54"),
                new Bucket("FAILED", "Failed", n.failed(), "FAILED", "#c0392b"),
                new Bucket("SKIPPED", "Skipped", n.skipped(), "SKIPPED", "#d69e2e"),
                new Bucket("CANCELLED", "Cancelled", n.cancelled(), "CANCELLED", "#cbd2d9"),
                new Bucket("IN_DOUBT", "In doubt", n.inDoubt(), "IN_DOUBT", "#805ad5"));
    }

    /** The delivery status pie as an ECharts option (JSON for {@code data-chart}). */
    private static String chart(List<Bucket> buckets) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Bucket b : buckets) {
            if (b.count() > 0) {
                data.add(Map.of("name", b.label(), "value", b.count(), "itemStyle", Map.of("color", b.color())));
            }
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "pie");
        series.put("radius", List.of("42%", "70%"));
        series.put("center", List.of("50%", "45%"));
        series.put("avoidLabelOverlap", true);
        series.put("label", Map.of("formatter", "{b}: {c}"));
        series.put("data", data);
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("tooltip", Map.of("trigger", "item", "formatter", "{b}: {c} ({d}%)"));
        option.put("legend", Map.of("bottom", 0, "type", "scroll"));
        option.put("series", List.of(series));
        return JSON.writeValueAsString(option);
    }

    private Failed failed(Actor actor, Campaign campaign, Live live) {
        RecipientPage page = history.recipients(actor, campaign.id(), EnumSet.of(RecipientStatus.FAILED), 0,
                FAILED_SHOWN);
        return new Failed(campaign.id(), page.rows().stream().map(this::line).toList(),
                live.stats().counters().failed(), live.canRetry());
    }

    private Table table(UiContext ui, Campaign campaign, CampaignCounters n, String status, String replied,
                        long after, String trail) {
        Set<RecipientStatus> statuses = lenientStatuses(status);
        String filter = filterValue(statuses);
        Boolean wantReplied = lenientReplied(replied);
        String repliedValue = wantReplied == null ? "" : wantReplied ? "yes" : "no";
        List<Line> lines = new ArrayList<>(PAGE_SIZE);
        long cursor = after;
        long lastShown = after;
        boolean more = false;
        // One beyond the page tells whether there is a next; a replied filter is applied to the
        // store's pages, so read on until the page is full.
        read:
        while (true) {
            RecipientPage page = history.recipients(ui.actor(), campaign.id(), statuses, cursor,
                    wantReplied == null ? PAGE_SIZE + 1 : SCAN_PAGE);
            for (RecipientRow row : page.rows()) {
                cursor = row.recipient().id();
                if (wantReplied != null && wantReplied != (row.recipient().repliedAt() != null)) {
                    continue;
                }
                if (lines.size() == PAGE_SIZE) {
                    more = true;
                    break read;
                }
                lines.add(line(row));
                lastShown = cursor;
            }
            if (page.nextAfter() == null) {
                break;
            }
        }
        Long next = more ? lastShown : null;
        List<Long> trailIds = trail(trail);
        long matching = 0;
        for (RecipientStatus s : statuses.isEmpty() ? EnumSet.allOf(RecipientStatus.class) : statuses) {
            matching += n.get(s);
        }
        String base = "/leads/whatsapp/campaigns/" + campaign.id();
        String query = "status=" + enc(filter) + "&replied=" + repliedValue;
        String self = base + "/recipients?" + query + "&after=" + after + "&trail=" + joined(trailIds);
        String nextQuery = null;
        if (next != null) {
            List<Long> t = new ArrayList<>(trailIds);
            t.add(after);
            while (t.size() > MAX_TRAIL) {
                t.remove(0);
            }
            nextQuery = query + "&after=" + next + "&trail=" + joined(t);
        }
        String previousQuery = null;
        if (after > 0) {
            List<Long> t = new ArrayList<>(trailIds);
            long back = t.isEmpty() ? 0 : t.remove(t.size() - 1);
            previousQuery = query + "&after=" + back + "&trail=" + joined(t);
        }
        String builder = null;
        if (ui.can(Permission.CAMPAIGN_CREATE) && (!filter.isEmpty() || wantReplied != null)) {
            builder = Routes.CAMPAIGN_BUILDER + "?fromCampaign=" + campaign.id()
                    + (filter.isEmpty() ? "" : "&status=" + enc(filter))
                    + (wantReplied == null ? "" : "&replied=" + repliedValue);
        }
        List<String> idQuery = new ArrayList<>();
        if (!filter.isEmpty()) {
            idQuery.add("status=" + enc(filter));
        }
        if (wantReplied != null) {
            idQuery.add("replied=" + repliedValue);
        }
        String leadIds = base + "/lead-ids" + (idQuery.isEmpty() ? "" : "?" + String.join("&", idQuery));
        return new Table(campaign.id(), lines, filter, repliedValue, choices(), matching, wantReplied == null,
                trailIds.size() * (long) PAGE_SIZE + (lines.isEmpty() ? 0 : 1), self,
                nextQuery == null ? null : base + "/recipients?" + nextQuery,
                previousQuery == null ? null : base + "/recipients?" + previousQuery,
                nextQuery == null ? null : base + "?" + nextQuery,
                previousQuery == null ? null : base + "?" + previousQuery, builder, leadIds);
    }

    private Line line(RecipientRow row) {
        CampaignRecipient r = row.recipient();
        Lead lead = row.lead();
        String note = null;
        if (r.status() == RecipientStatus.SKIPPED && r.skipReason() != null) {
            note = skipWords(r.skipReason());
        } else if (r.status() == RecipientStatus.PENDING && r.attempts() > 0 && r.nextAttemptAt() != null) {
            note = "retry after " + timeFormat.format(r.nextAttemptAt());
        } else if (r.status() == RecipientStatus.IN_DOUBT) {
            note = "outcome unknown; never resent by itself: WhatsApp's status report settles it, or you do";
        } else if (r.resolution() != null) {
            note = switch (r.resolution().kind()) {
                case TREAT_AS_SENT -> "treated as sent by " + r.resolution().actor();
                case SEND_AGAIN -> "sent again by " + r.resolution().actor() + "'s decision";
                case SENT_UNCONFIRMED -> "marked sent, unconfirmed, by the reconciliation";
            };
        }
        return new Line(r.id(), r.leadId(), lead == null ? null : lead.name(),
                lead == null ? null : PhoneNumbers.forDisplay(lead.mobile()), r.status(), note, r.attempts(), time(r.sentAt()), time(r.deliveredAt()), time(r.readAt()),
                time(r.repliedAt()), r.errorCode(), WhatsAppErrorCodes.describe(r.errorCode()).orElse(null),
                r.errorMessage());
    }

    /** A skip reason in words. */
    static String skipWords(SkipReason reason) {
        return switch (reason) {
            case OPTED_OUT -> "opted out";
            case INVALID_NUMBER -> "invalid or landline number";
            case LEAD_NOT_FOUND -> "lead no longer in the CRM";
            case OUTSIDE_SERVICE_WINDOW -> "outside the 24-hour window without an approved template";
            case MESSAGE_TOO_LONG -> "message too long for WhatsApp";
            case MARKETING_TO_US_NUMBER -> "marketing template to a +1 (US) number, which Meta does not deliver";
            case TEMPLATE_NOT_APPROVED_FOR_NUMBER ->
                    "template not approved in the WhatsApp Business Account of the number it would go from";
        };
    }

    /** The status filter's choices: the buckets, and the funnel's cumulative steps. */
    static List<Choice> choices() {
        return List.of(new Choice("", "All recipients"),
                new Choice("OPEN", "Pending / in progress"),
                new Choice("SENT,DELIVERED,READ", "Sent (delivered and read included)"),
                new Choice("SENT", "Sent, not yet delivered"),
                new Choice("DELIVERED,READ", "Delivered (read included)"),
                new Choice("DELIVERED", "Delivered, not read"),
                new Choice("READ", "Read"),
                new Choice("FAILED", "Failed"),
                new Choice("SKIPPED", "Skipped"),
                new Choice("CANCELLED", "Cancelled"),
                new Choice("IN_DOUBT", "In doubt"));
    }

    /** {@code OPEN} stands for pending, claimed and sending; other names are recipient statuses. */
    private static Set<RecipientStatus> parse(String part) {
        String p = part.trim().toUpperCase(Locale.ROOT);
        if (p.equals("OPEN")) {
            return EnumSet.of(RecipientStatus.PENDING, RecipientStatus.CLAIMED, RecipientStatus.SENDING);
        }
        return EnumSet.of(RecipientStatus.valueOf(p));
    }

    /** The page's filter: unknown names are ignored (a stale bookmark shows everything rather than an error). */
    static Set<RecipientStatus> lenientStatuses(String status) {
        Set<RecipientStatus> out = EnumSet.noneOf(RecipientStatus.class);
        if (status == null) {
            return out;
        }
        for (String part : status.split(",")) {
            if (!part.isBlank()) {
                try {
                    out.addAll(parse(part));
                } catch (IllegalArgumentException e) {
                    // ignored
                }
            }
        }
        return out;
    }

    private static Set<RecipientStatus> strictStatuses(List<String> status) {
        Set<RecipientStatus> out = EnumSet.noneOf(RecipientStatus.class);
        if (status == null) {
            return out;
        }
        for (String s : status) {
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.addAll(parse(part));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException("status", "unknown_status", "unknown recipient status '"
                            + (part.length() > 40 ? part.substring(0, 40) + "..." : part) + "'; known are OPEN, "
                            + List.of(RecipientStatus.values()));
                }
            }
        }
        return out;
    }

    /** The filter's value as the choices write it ({@code OPEN} for the open statuses). */
    static String filterValue(Set<RecipientStatus> statuses) {
        Set<RecipientStatus> rest = EnumSet.noneOf(RecipientStatus.class);
        rest.addAll(statuses);
        List<String> parts = new ArrayList<>();
        Set<RecipientStatus> open = EnumSet.of(RecipientStatus.PENDING, RecipientStatus.CLAIMED, RecipientStatus.SENDING);
        if (rest.containsAll(open)) {
            parts.add("OPEN");
            rest.removeAll(open);
        }
        for (RecipientStatus s : rest) {
            parts.add(s.name());
        }
        return String.join(",", parts);
    }

    private static Boolean lenientReplied(String replied) {
        if (replied == null) {
            return null;
        }
        return switch (replied.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> Boolean.TRUE;
            case "no", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Boolean strictReplied(String replied) {
        if (replied == null || replied.isBlank()) {
            return null;
        }
        Boolean b = lenientReplied(replied);
        if (b == null) {
            throw new ValidationException("replied", "invalid", "replied must be yes or no");
        }
        return b;
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(after.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Long> trail(String trail) {
        List<Long> out = new ArrayList<>();
        if (trail == null || trail.isBlank()) {
            return out;
        }
        for (String part : trail.split(",")) {
            try {
                long v = Long.parseLong(part.trim());
                if (v >= 0 && out.size() < MAX_TRAIL) {
                    out.add(v);
                }
            } catch (NumberFormatException e) {
                // A malformed trail only loses "Previous" beyond this point.
            }
        }
        return out;
    }

    private static String joined(List<Long> ids) {
        StringBuilder b = new StringBuilder();
        for (Long id : ids) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(id);
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String time(Instant t) {
        return t == null ? null : timeFormat.format(t);
    }

    private String zoneLabel() {
        return zone.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private static String percent(long part, long whole) {
        if (whole <= 0) {
            return null;
        }
        double p = 100.0 * part / whole;
        return (p >= 10 || p == 0 ? String.valueOf(Math.round(p)) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    /** A duration in words: "40 seconds", "12 minutes", "3 hours 5 minutes". */
    static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return Math.max(1, s) + " second" + (s == 1 ? "" : "s");
        }
        long m = (s + 30) / 60;
        if (m < 60) {
            return m + " minute" + (m == 1 ? "" : "s");
        }
        long h = m / 60;
        long rm = m % 60;
        return h + " hour" + (h == 1 ? "" : "s") + (rm == 0 ? "" : " " + rm + " minute" + (rm == 1 ? "" : "s"));
    }
}
