package io.leadreach.spring.internal;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.ValidationException;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Campaigns: list, create, details with figures, the state actions and the CSV report. */
@RestController
public class CampaignController {

    /** Recipients read from the store per page of the CSV report. */
    static final int REPORT_PAGE = 500;

    private final LeadWhatsAppService service;
    private final CampaignStore campaigns;
    private final Actors actors;

    /** The controller over the service (and the store, for the report's pages). */
    public CampaignController(LeadWhatsAppService service, CampaignStore campaigns, Actors actors) {
        this.service = service;
        this.campaigns = campaigns;
        this.actors = actors;
    }

    /** Campaigns in the given statuses ({@code ?status=ACTIVE&status=PAUSED}, or comma-separated), newest first. */
    @GetMapping(Routes.CAMPAIGNS)
    public List<Views.CampaignView> list(@RequestParam(name = "status", required = false) List<String> status) {
        Set<CampaignStatus> statuses = EnumSet.noneOf(CampaignStatus.class);
        if (status != null) {
            for (String s : status) {
                for (String part : s.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    try {
                        statuses.add(CampaignStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new ValidationException("status", "unknown_status", "unknown campaign status '"
                                + (part.length() > 40 ? part.substring(0, 40) + "..." : part) + "'; known are "
                                + List.of(CampaignStatus.values()));
                    }
                }
            }
        }
        return service.listCampaigns(actors.current(), statuses).stream().map(Views.CampaignView::of).toList();
    }

    /** Creates a campaign from JSON; 201 with its location. */
    @PostMapping(path = Routes.CAMPAIGNS, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Views.CampaignView> create(@RequestBody Views.CampaignRequest request) {
        return created(service.createCampaign(actors.current(), spec(request, null)));
    }

    /**
     * Creates a campaign with an attachment: multipart with a {@code campaign} part (the same JSON as
     * {@link #create}, sent as {@code application/json}) and an optional {@code attachment} file,
     * checked by the same attachment policy as the send routes; 201 with its location.
     */
    @PostMapping(path = Routes.CAMPAIGNS, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Views.CampaignView> createWithAttachment(
            @RequestPart(name = "campaign", required = false) Views.CampaignRequest request,
            @RequestPart(name = "attachment", required = false) MultipartFile attachment) {
        Actor actor = actors.current();
        return created(service.createCampaign(actor, spec(request, SendController.upload(attachment))));
    }

    private static ResponseEntity<Views.CampaignView> created(Campaign created) {
        return ResponseEntity.created(URI.create(Routes.CAMPAIGN.replace("{id}", String.valueOf(created.id()))))
                .body(Views.CampaignView.of(created));
    }

    /** The core's spec from the request's JSON; refused when there is no JSON at all. */
    static CampaignSpec spec(Views.CampaignRequest request, AttachmentUpload attachment) {
        if (request == null) {
            throw new ValidationException("campaign", "missing", "a JSON campaign is required");
        }
        return CampaignSpec.builder()
                .name(request.name())
                .description(request.description())
                .templateId(request.templateId())
                .body(request.body())
                .attachment(attachment)
                .target(target(request.target()))
                .scheduledAt(request.scheduledAt())
                .messagesPerMinute(request.messagesPerMinute())
                .maxAttempts(request.maxAttempts())
                .senderNumbers(request.senderNumbers())
                .build();
    }

    private static TargetCriteria target(Views.TargetView t) {
        if (t == null) {
            return TargetCriteria.all();
        }
        if (t.leadIds() != null && t.leadIds().isEmpty()) {
            // To the core an empty id list means "no id filter": an upload that parsed to nothing
            // would otherwise reach every lead.
            throw new ValidationException("target.leadIds", "empty", "an explicit lead list must name at least one "
                    + "lead; leave leadIds out to target by the other filters");
        }
        try {
            return new TargetCriteria(t.statuses(), t.sources(), t.priorities(), t.createdFrom(), t.createdTo(),
                    t.leadIds(), t.attributes());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException("target", "invalid", "the target is invalid: " + e.getMessage());
        }
    }

    /** A campaign and its figures. */
    @GetMapping(Routes.CAMPAIGN)
    public Views.CampaignDetails details(@PathVariable("id") long id) {
        Actor actor = actors.current();
        Campaign campaign = service.getCampaign(actor, id);
        return new Views.CampaignDetails(Views.CampaignView.of(campaign),
                Views.StatisticsView.of(service.getCampaignStatistics(actor, id)));
    }

    /** Starts a DRAFT or SCHEDULED campaign now. */
    @PostMapping(Routes.CAMPAIGN_ACTION + "execute")
    public Views.CampaignView execute(@PathVariable("id") long id) {
        return Views.CampaignView.of(service.executeCampaign(actors.current(), id));
    }

    /** Pauses an ACTIVE campaign. */
    @PostMapping(Routes.CAMPAIGN_ACTION + "pause")
    public Views.CampaignView pause(@PathVariable("id") long id) {
        return Views.CampaignView.of(service.pauseCampaign(actors.current(), id));
    }

    /** Resumes a PAUSED campaign. */
    @PostMapping(Routes.CAMPAIGN_ACTION + "resume")
    public Views.CampaignView resume(@PathVariable("id") long id) {
        return Views.CampaignView.of(service.resumeCampaign(actors.current(), id));
    }

    /** Cancels a campaign; recipients not yet sent become CANCELLED. */
    @PostMapping(Routes.CAMPAIGN_ACTION + "cancel")
    public Views.CampaignView cancel(@PathVariable("id") long id) {
        return Views.CampaignView.of(service.cancelCampaign(actors.current(), id));
    }

    /** Queues the retryable failures again. */
    @PostMapping(Routes.CAMPAIGN_ACTION + "retry-failed")
    public Views.RetryView retryFailed(@PathVariable("id") long id) {
        return new Views.RetryView(id, service.retryFailedMessages(actors.current(), id));
    }

    /**
     * Lets a recipient held IN_DOUBT out, as the acting user decides: {@code TREAT_AS_SENT} (it
     * counts as sent, unconfirmed, and is never sent again) or {@code SEND_AGAIN} (it is sent once
     * more, which may reach the lead twice: the user's decision, recorded with their name). List
     * them with {@code GET .../recipients?status=IN_DOUBT}.
     */
    @PostMapping(path = Routes.CAMPAIGN_RECIPIENT_RESOLVE, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.ResolvedView resolve(@PathVariable("id") long id, @PathVariable("recipientId") long recipientId,
                                      @RequestBody(required = false) Views.ResolveRequest request) {
        return resolve(id, recipientId, request == null ? null : request.resolution());
    }

    /**
     * {@link #resolve(long, long, Views.ResolveRequest)} from a form ({@code resolution=...}), as the
     * console's per-lead table posts it; an htmx request is answered with {@code HX-Trigger:
     * lr-figures-changed}, so the page's table and figures refresh.
     */
    @PostMapping(path = Routes.CAMPAIGN_RECIPIENT_RESOLVE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Views.ResolvedView> resolveForm(@PathVariable("id") long id,
                                                          @PathVariable("recipientId") long recipientId,
                                                          @RequestParam(name = "resolution", required = false) String resolution,
                                                          @org.springframework.web.bind.annotation.RequestHeader(
                                                                  name = "HX-Request", required = false) String htmx) {
        Views.ResolvedView done = resolve(id, recipientId, resolution);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (htmx != null) {
            ok.header("HX-Trigger", "lr-figures-changed");
        }
        return ok.body(done);
    }

    private Views.ResolvedView resolve(long id, long recipientId, String asked) {
        io.leadreach.campaign.InDoubtResolution.Kind kind = null;
        if (asked != null) {
            String normalised = asked.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (normalised.equals("TREAT_AS_SENT") || normalised.equals("SEND_AGAIN")) {
                kind = io.leadreach.campaign.InDoubtResolution.Kind.valueOf(normalised);
            }
        }
        if (kind == null) {
            throw new ValidationException("resolution", asked == null ? "required" : "invalid_resolution",
                    "one of TREAT_AS_SENT, SEND_AGAIN" + (asked == null ? "" : ", got '" + asked + "'"));
        }
        return Views.ResolvedView.of(service.resolveInDoubt(actors.current(), id, recipientId, kind));
    }

    /**
     * The campaign's recipients as CSV, streamed page by page from the store (never all in memory).
     * The permission and the campaign are checked before the first byte is written.
     */
    @GetMapping(path = Routes.CAMPAIGN_REPORT, produces = "text/csv")
    public ResponseEntity<StreamingResponseBody> report(@PathVariable("id") long id) {
        Campaign campaign = service.getCampaign(actors.current(), id);
        StreamingResponseBody body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("recipient_id,lead_id,status,attempts,sent_at,delivered_at,read_at,error_code,error_message,"
                    + "skip_reason,updated_at,wamid\r\n");
            long after = 0;
            while (true) {
                List<CampaignRecipient> page = campaigns.recipients(campaign.id(), after, REPORT_PAGE);
                for (CampaignRecipient r : page) {
                    w.write(r.id() + "," + r.leadId() + "," + r.status() + "," + r.attempts() + ","
                            + time(r.sentAt()) + "," + time(r.deliveredAt()) + "," + time(r.readAt()) + ","
                            + Csv.cell(r.errorCode()) + "," + Csv.cell(r.errorMessage()) + ","
                            + (r.skipReason() == null ? "" : r.skipReason().name()) + "," + time(r.updatedAt())
                            + "," + Csv.cell(r.providerMessageId()) + "\r\n");
                    after = r.id();
                }
                if (page.size() < REPORT_PAGE) {
                    break;
                }
            }
            w.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + campaign.id() + ".csv\"")
                .body(body);
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
