package io.leadreach.spring.internal;

import io.leadreach.ValidationException;
import io.leadreach.attachment.FileNames;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.Tracking;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What was sent and received: a campaign's recipients, the message log, replies, the tracker's
 * counters, a lead's timeline and attachments, and attachment downloads. Reads only. Pages are
 * keyset pages: pass the answer's {@code nextAfter} (or {@code nextCursor}) back to get the next;
 * {@code limit} is 1 to 500, 50 by default.
 */
@RestController
public class HistoryController {

    /** The default page size. */
    static final String DEFAULT_LIMIT = "50";

    private final MessageHistoryService history;
    private final Tracking tracker;
    private final Actors actors;

    /** The controller over the history service and the delivery tracker. */
    public HistoryController(MessageHistoryService history, Tracking tracker, Actors actors) {
        this.history = history;
        this.tracker = tracker;
        this.actors = actors;
    }

    /** A campaign's recipients in these statuses ({@code ?status=SENT,FAILED}; all when absent), ascending by id. */
    @GetMapping(Routes.CAMPAIGN_RECIPIENTS)
    public Views.RecipientPageView recipients(@PathVariable("id") long id,
                                              @RequestParam(name = "status", required = false) List<String> status,
                                              @RequestParam(name = "after", defaultValue = "0") long after,
                                              @RequestParam(name = "limit", defaultValue = DEFAULT_LIMIT) int limit) {
        Actor actor = actors.current();
        Set<RecipientStatus> statuses = statuses(status, RecipientStatus.class);
        return Views.RecipientPageView.of(history.recipients(actor, id, statuses, after, limit));
    }

    /** The message log, oldest first, filtered by lead, campaign and status ({@code ?status=FAILED,READ}). */
    @GetMapping(Routes.MESSAGES)
    public Views.MessagePageView messages(@RequestParam(name = "leadId", required = false) Long leadId,
                                          @RequestParam(name = "campaignId", required = false) Long campaignId,
                                          @RequestParam(name = "status", required = false) List<String> status,
                                          @RequestParam(name = "after", defaultValue = "0") long after,
                                          @RequestParam(name = "limit", defaultValue = DEFAULT_LIMIT) int limit) {
        Actor actor = actors.current();
        Set<MessageStatus> statuses = statuses(status, MessageStatus.class);
        List<LeadMessage> page = history.messages(actor, new MessageFilter(leadId, campaignId, statuses), after, limit);
        return new Views.MessagePageView(page.stream().map(Views.MessageView::of).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).id());
    }

    /** Replies matched to leads, oldest first. */
    @GetMapping(Routes.REPLIES)
    public Views.ReplyPageView replies(@RequestParam(name = "after", defaultValue = "0") long after,
                                       @RequestParam(name = "limit", defaultValue = DEFAULT_LIMIT) int limit) {
        List<ReplyStore.RecordedReply> page = history.replies(actors.current(), after, limit);
        return new Views.ReplyPageView(page.stream().map(Views.ReplyView::of).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).id());
    }

    /** The delivery tracker's counters since start-up (unknown ids, stale and duplicate events, ...). */
    @GetMapping(Routes.TRACKING)
    public Views.TrackingView tracking() {
        return Views.TrackingView.of(tracker.statistics(actors.current()));
    }

    /** A lead's timeline, newest first: messages and replies merged, with its consent. */
    @GetMapping(Routes.LEAD_MESSAGES)
    public Views.LeadTimelineView leadMessages(@PathVariable("lead") long lead,
                                               @RequestParam(name = "before", required = false) String before,
                                               @RequestParam(name = "limit", defaultValue = DEFAULT_LIMIT) int limit) {
        return Views.LeadTimelineView.of(history.leadTimeline(actors.current(), lead, before, limit));
    }

    /** The attachments sent to a lead, newest first. */
    @GetMapping(Routes.LEAD_ATTACHMENTS)
    public Views.LeadAttachmentsView leadAttachments(@PathVariable("lead") long lead) {
        return new Views.LeadAttachmentsView(lead, history.leadAttachments(actors.current(), lead).stream()
                .map(Views.LeadAttachmentView::of).toList());
    }

    /**
     * Downloads the attachment of a message: its stored type, {@code Content-Disposition: attachment}
     * with the sanitised name (RFC 6266 {@code filename*} for any non-ASCII), and
     * {@code X-Content-Type-Options: nosniff}. 404 when the message has none.
     */
    @GetMapping(Routes.ATTACHMENT)
    public ResponseEntity<StreamingResponseBody> attachment(@PathVariable("messageId") long messageId) {
        MessageHistoryService.AttachmentContent content = history.attachment(actors.current(), messageId);
        var a = content.attachment().attachment();
        StreamingResponseBody body = out -> {
            try (InputStream in = content.opener().open()) {
                in.transferTo(out);
            }
        };
        MediaType type;
        try {
            type = MediaType.parseMediaType(a.mimeType());
        } catch (RuntimeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(a.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(a.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    /**
     * {@code attachment; filename="..."} with an ASCII fallback, plus {@code filename*=UTF-8''...}
     * (RFC 6266 / RFC 8187) when the sanitised name is not plain ASCII.
     */
    static String contentDisposition(String filename) {
        String name;
        try {
            name = FileNames.sanitize(filename);
        } catch (RuntimeException e) {
            name = "attachment";
        }
        if (name == null || name.isBlank()) {
            name = "attachment";
        }
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';' ? c : '_');
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        if (!ascii.toString().equals(name)) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }

    /** Statuses from {@code ?status=A,B} (or repeated), refused by name when unknown. */
    static <E extends Enum<E>> Set<E> statuses(List<String> raw, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        if (raw == null) {
            return out;
        }
        for (String s : raw) {
            for (String part : s.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    out.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new ValidationException("status", "unknown_status", "unknown status '"
                            + (part.length() > 40 ? part.substring(0, 40) + "..." : part) + "'; known are "
                            + List.of(type.getEnumConstants()));
                }
            }
        }
        return out;
    }
}
