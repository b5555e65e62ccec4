package io.leadreach.spring.ui.internal;

import io.leadreach.LeadReach;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.attachment.MediaKind;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.history.ConsentState;
import io.leadreach.history.LeadAttachment;
import io.leadreach.history.LeadTimeline;
import io.leadreach.history.TimelineEntry;
import io.leadreach.internal.Access;
import io.leadreach.internal.MessageRules;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.preview.BulkSendCheck;
import io.leadreach.preview.PreviewSkip;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Routes;
import io.leadreach.spring.internal.SendController;
import io.leadreach.template.MessageTemplate;
import io.leadreach.transport.WhatsAppErrorCodes;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pieces a host CRM embeds in its own pages (with {@code leadreach-embed.js}): HTML fragments,
 * rendered here so that the markup knows the user's permissions, which the script loads into the
 * host's mount points. The bulk-send modal ({@code GET /leads/whatsapp/embed/bulk-send}), the
 * pre-send check of a selection as HTML ({@code POST /leads/whatsapp/bulk-send/check} asking for
 * {@code text/html}), and a lead's WhatsApp tab ({@code GET /leads/{lead}/whatsapp/tab}). Sends go
 * to the API's own routes; fragments carry no script and no inline style.
 */
@RestController
public class LeadEmbeds {

    /** Timeline entries per page of the lead tab. */
    static final int TIMELINE_PAGE = 25;
    /** Templates offered as one-click chips; the rest are in the library's list. */
    static final int QUICK_TEMPLATES = 6;
    /** Lead names listed in the bulk check (enough for the per-lead results of a small send). */
    static final int NAMED_LEADS = 10;

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final LeadReach leadReach;
    private final LeadDirectory leads;
    private final AttachmentPolicy policy;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;
    private final SenderChoices senders;

    /** The embeddable pieces over the core. */
    public LeadEmbeds(LeadReach leadReach, LeadDirectory leads, AttachmentPolicy policy, UiContexts contexts,
                      ConsoleRenderer renderer, SenderChoices senders) {
        this.leadReach = leadReach;
        this.leads = leads;
        this.policy = policy;
        this.contexts = contexts;
        this.renderer = renderer;
        this.senders = senders;
    }

    /** A library template as the composer offers it. */
    public record TemplateOption(long id, String name, String category, String body, boolean approved,
                                 String approvedName) {
    }

    /** What the composer's attachment field accepts, checked in the browser before the upload. */
    public record Limits(long maxBytes, String maxSize, String types, String extensions, int maxText, int maxCaption) {
    }

    /** One reason leads of a selection would be skipped. */
    public record Skip(String code, String label, long count) {
    }

    /**
     * One entry of the lead's timeline, ready to show; {@code from}: the business number a message
     * went from, or a reply was written to, shown only when several numbers are registered (else null).
     */
    public record Item(String direction, long id, String body, String status, String tick, String statusLabel,
                       String error, String campaign, String sentBy, Instant at, String atUtc, Attachment attachment,
                       String from) {
    }

    /** An attachment sent to the lead. */
    public record Attachment(long messageId, String filename, String mimeType, String size, boolean image,
                             String extension, String url, Instant at, String atUtc) {
    }

    /** The lead's consent, in words. */
    public record Consent(boolean optedOut, String by, Instant at, String atUtc, boolean validNumber) {
    }

    /** The bulk-send modal. */
    @GetMapping(path = Routes.EMBED_BULK_SEND, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> bulkSend(HttpServletRequest request) {
        UiContext ui = contexts.of(request, "");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("templates", templates());
        params.put("limits", limits());
        params.put("syncLimit", leadReach.sending().syncBulkLimit());
        params.put("maxLeads", leadReach.sending().maxBulkLeads());
        return renderer.page("embed/bulk-send.jte", params);
    }

    /**
     * What a bulk send to these leads would do, as the modal shows it: how many are selected, how
     * many will be sent, and how many are skipped and why. Lead ids as the bulk send takes them.
     */
    @PostMapping(path = Routes.BULK_SEND_CHECK, produces = MediaType.TEXT_HTML_VALUE,
            consumes = {MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    public ResponseEntity<String> bulkCheck(HttpServletRequest request,
            @RequestParam(name = "lead_ids[]", required = false) List<String> bracketed,
            @RequestParam(name = "lead_ids", required = false) List<String> plain) {
        UiContext ui = contexts.of(request, "");
        List<Long> ids = SendController.leadIds(bracketed, plain);
        BulkSendCheck check = leadReach.preview().checkBulkSend(ui.actor(), ids);
        List<Skip> skips = new ArrayList<>();
        for (PreviewSkip reason : PreviewSkip.values()) {
            long n = check.skipped().getOrDefault(reason, 0L);
            if (n > 0) {
                skips.add(new Skip(reason.name(), skipLabel(reason), n));
            }
        }
        if (check.unknown() > 0) {
            skips.add(new Skip("UNKNOWN_LEAD", "not found in the CRM", check.unknown()));
        }
        List<Lead> named = new ArrayList<>();
        if (check.selected() <= NAMED_LEADS) {
            named.addAll(leads.findByIds(new TreeSet<>(ids)));
            named.sort(Comparator.comparingLong(Lead::id));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("check", check);
        params.put("skips", skips);
        params.put("named", named);
        params.put("syncLimit", leadReach.sending().syncBulkLimit());
        return renderer.page("embed/bulk-check.jte", params);
    }

    /**
     * A lead's WhatsApp tab: consent, timeline, attachment gallery and (for a user who may send)
     * the composer with its templates. With {@code before}, only the next (older) page of the
     * timeline, for the tab's "Older messages" button.
     */
    @GetMapping(path = Routes.LEAD_TAB, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> leadTab(HttpServletRequest request, @PathVariable("lead") long leadId,
                                          @RequestParam(name = "before", required = false) String before) {
        UiContext ui = contexts.of(request, "");
        LeadTimeline timeline = leadReach.history().leadTimeline(ui.actor(), leadId,
                before == null || before.isBlank() ? null : before, TIMELINE_PAGE);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("leadId", leadId);
        params.put("items", items(ui, timeline));
        params.put("next", timeline.nextCursor());
        if (before != null && !before.isBlank()) {
            return renderer.page("embed/timeline.jte", params);
        }
        Lead lead = leads.findByIds(List.of(leadId)).stream().findFirst().orElse(null);
        params.put("leadName", lead == null || lead.name() == null ? "Lead " + leadId : lead.name());
        params.put("consent", consent(timeline.consent()));
        params.put("attachments", attachments(ui, leadReach.history().leadAttachments(ui.actor(), leadId)));
        boolean canSend = ui.can(Permission.SEND);
        List<TemplateOption> templates = canSend ? templates() : List.of();
        params.put("canSend", canSend);
        params.put("templates", templates);
        params.put("quick", templates.subList(0, Math.min(QUICK_TEMPLATES, templates.size())));
        params.put("approved", templates.stream().filter(TemplateOption::approved).toList());
        params.put("limits", limits());
        params.put("sendsFrom", canSend ? sendsFrom(lead) : null);
        return renderer.page("embed/lead-tab.jte", params);
    }

    /**
     * Which number the composer's message goes from, when there are several: the number the lead last
     * wrote to inside the 24-hour window (where the service sends a single message from), else the
     * default one. Null with one number.
     */
    private String sendsFrom(Lead lead) {
        if (!senders.several()) {
            return null;
        }
        var wiring = Access.wiring(leadReach);
        String e164 = lead == null ? null : wiring.phones().tryE164(lead.mobile()).orElse(null);
        var from = wiring.replyNumberFor(e164, wiring.clock().instant());
        return "Sends from " + senders.label(from.id()) + (from.id().equals(wiring.defaultSender().id())
                ? " (the default number)" : " (the number the lead wrote to)");
    }

    private List<TemplateOption> templates() {
        List<TemplateOption> out = new ArrayList<>();
        for (MessageTemplate t : Access.wiring(leadReach).templates().findAll(true)) {
            var binding = t.usableBinding();
            out.add(new TemplateOption(t.id(), t.name(), t.category().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    t.body(), binding != null, binding == null ? null : binding.name()));
        }
        out.sort(Comparator.comparing(TemplateOption::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private Limits limits() {
        TreeSet<String> extensions = new TreeSet<>();
        for (String type : policy.allowedTypes()) {
            switch (type) {
                case "application/pdf" -> extensions.add(".pdf");
                case "image/jpeg" -> {
                    extensions.add(".jpg");
                    extensions.add(".jpeg");
                }
                case "image/png" -> extensions.add(".png");
                case "application/msword" -> extensions.add(".doc");
                case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> extensions.add(".docx");
                default -> {
                }
            }
        }
        return new Limits(policy.maxSize(), size(policy.maxSize()), String.join(",", new TreeSet<>(policy.allowedTypes())),
                String.join(",", extensions), MessageRules.MAX_TEXT, MessageRules.MAX_CAPTION);
    }

    private List<Item> items(UiContext ui, LeadTimeline timeline) {
        List<Item> items = new ArrayList<>();
        for (TimelineEntry e : timeline.entries()) {
            if (e instanceof TimelineEntry.Outgoing out) {
                LeadMessage m = out.message();
                String error = null;
                if (m.status() == MessageStatus.FAILED) {
                    error = m.errorCode() == null ? null : WhatsAppErrorCodes.describe(m.errorCode()).orElse(null);
                    if (error == null) {
                        error = m.errorMessage() != null ? m.errorMessage() : "not delivered";
                    }
                }
                items.add(new Item("out", m.id(), m.body(), m.status().name(), tick(m.status()), statusLabel(m.status()),
                        error, out.campaignName(), m.sentBy(), m.createdAt(), UTC.format(m.createdAt()),
                        m.attachment() == null ? null : attachment(ui, m.id(), m.attachment(), m.createdAt()),
                        senders.several() ? senders.label(m.senderNumber()) : null));
            } else if (e instanceof TimelineEntry.Incoming in) {
                var r = in.reply().reply();
                String body = r.text() != null ? r.text() : r.buttonPayload() != null ? r.buttonPayload() : "(no text)";
                items.add(new Item("in", in.reply().id(), body, null, null, null, null, null, null, r.receivedAt(),
                        UTC.format(r.receivedAt()), null,
                        senders.several() && r.businessNumberId() != null ? senders.label(r.businessNumberId()) : null));
            }
        }
        return items;
    }

    private static Consent consent(ConsentState c) {
        String by = null;
        if (c.optedOut()) {
            if (c.source() != null) {
                by = switch (c.source()) {
                    case "keyword" -> "the lead, by replying a stop keyword";
                    case "button" -> "the lead, with the opt-out button";
                    case "STOP_PROMOTIONS", "stop-promotions" -> "the lead, with WhatsApp's Stop promotions button";
                    default -> c.source().startsWith("error-")
                            ? "WhatsApp (error " + c.source().substring("error-".length()) + ")" : c.source();
                };
            } else if (c.optedOutInCrm()) {
                by = "the CRM (the lead is marked opted out)";
            }
        }
        return new Consent(c.optedOut(), by, c.changedAt(), c.changedAt() == null ? null : UTC.format(c.changedAt()),
                c.mobile() != null);
    }

    private List<Attachment> attachments(UiContext ui, List<LeadAttachment> list) {
        List<Attachment> out = new ArrayList<>();
        for (LeadAttachment a : list) {
            out.add(attachment(ui, a.messageId(), a.attachment(), a.sentAt()));
        }
        return out;
    }

    private static Attachment attachment(UiContext ui, long messageId, StoredAttachment a, Instant at) {
        String name = a.filename();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "file" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return new Attachment(messageId, name, a.mimeType(), size(a.size()), a.kind() == MediaKind.IMAGE, ext,
                ui.url(Routes.ATTACHMENT.replace("{messageId}", String.valueOf(messageId))), at, UTC.format(at));
    }

    private static String tick(MessageStatus s) {
        return switch (s) {
            case PENDING, QUEUED -> "🕓";
            case SENT -> "✓";
            case DELIVERED, READ -> "✓✓";
            case FAILED -> "✕";
        };
    }

    private static String statusLabel(MessageStatus s) {
        return switch (s) {
            case PENDING, QUEUED -> "Waiting to be sent";
            case SENT -> "Sent";
            case DELIVERED -> "Delivered";
            case READ -> "Read";
            case FAILED -> "Failed";
        };
    }

    private static String skipLabel(PreviewSkip reason) {
        return switch (reason) {
            case OPTED_OUT -> "opted out";
            case OUTSIDE_SERVICE_WINDOW -> "outside the 24-hour window (no reply in the last 24 hours)";
            case INVALID_NUMBER -> "invalid mobile number";
            case MARKETING_TO_US_NUMBER -> "marketing template to a US number";
            case ABOVE_MESSAGING_LIMIT -> "above the messaging limit";
            case MESSAGE_TOO_LONG -> "message too long for WhatsApp";
            case TEMPLATE_NOT_APPROVED_FOR_NUMBER -> "template not approved for the sending number's account";
        };
    }

    /** A size in words: 5 MB, 340 KB, 12 B. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            double mb = bytes / (1024.0 * 1024.0);
            return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return bytes + " B";
    }
}
