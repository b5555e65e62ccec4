package io.leadreach.spring.internal;

import io.leadreach.CampaignStatistics;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.ValidationException;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.preview.CampaignPreviewService;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.spring.TestRecipientResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the browser console needs beside the plain resources: a campaign's live figures as
 * server-sent events, reading an uploaded lead list, a test send to one's own number and the
 * pre-send check of a bulk send. Every check of input and permission is the core's; the security
 * chain checks the permissions again.
 */
@RestController
public class ConsoleController {

    /** The largest lead list accepted, in bytes (10,000 ids with a name column fit easily). */
    static final long MAX_TARGET_FILE = 1024 * 1024;

    private final LeadWhatsAppService service;
    private final CampaignPreviewService previews;
    private final TestRecipientResolver testRecipients;
    private final SseStreams streams;
    private final Actors actors;

    /** The controller over the core's services. */
    public ConsoleController(LeadWhatsAppService service, CampaignPreviewService previews,
                             TestRecipientResolver testRecipients, SseStreams streams, Actors actors) {
        this.service = service;
        this.previews = previews;
        this.testRecipients = testRecipients;
        this.streams = streams;
        this.actors = actors;
    }

    /**
     * A campaign's figures as server-sent events named {@code figures} (JSON: {@code campaignId},
     * {@code status}, {@code statistics} as in {@code GET /leads/whatsapp/campaigns/{id}}): one on
     * connect, then one whenever they change (polled every second); the stream ends after the event
     * showing the campaign COMPLETED or CANCELLED, or after 30 minutes. 404 before the stream
     * opens for an unknown campaign; 429 when too many streams are open.
     */
    @GetMapping(path = Routes.CAMPAIGN_STREAM, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@PathVariable("id") long id) {
        Actor actor = actors.current();
        CampaignStatistics first = service.getCampaignStatistics(actor, id);
        return streams.open("figures", Views.FiguresView.of(first),
                () -> Views.FiguresView.of(service.getCampaignStatistics(actor, id)),
                f -> f.status().equals(CampaignStatus.COMPLETED.name()) || f.status().equals(CampaignStatus.CANCELLED.name()),
                true);
    }

    /**
     * Reads an uploaded list of lead ids ({@code file}: text/csv or text/plain, UTF-8, at most 1 MiB;
     * one id per line or in the first column, an optional header line): the ids in file order
     * without duplicates, the bad lines and the ids the CRM does not know. Saves nothing.
     */
    @PostMapping(path = Routes.CAMPAIGN_TARGET_CSV, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Views.TargetCsvView targetCsv(@RequestParam(name = "file", required = false) MultipartFile file) {
        Actor actor = actors.current();
        actor.require(Permission.CAMPAIGN_CREATE);
        if (file == null || (file.isEmpty() && (file.getOriginalFilename() == null
                || file.getOriginalFilename().isEmpty()))) {
            throw new ValidationException("file", "missing", "a file of lead ids is required (multipart part 'file')");
        }
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith("text/csv") && !type.startsWith("text/plain")
                && !type.startsWith("application/csv") && !type.startsWith("application/vnd.ms-excel")
                && !type.startsWith("application/octet-stream")) {
            throw new ValidationException("file", "type_not_allowed", "the file must be text/csv or text/plain, not "
                    + (type.length() > 60 ? type.substring(0, 60) : type));
        }
        if (file.getSize() > MAX_TARGET_FILE) {
            throw new ValidationException("file", "too_large", "the file has " + file.getSize()
                    + " bytes; at most " + MAX_TARGET_FILE + " are accepted");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("file", "not_text", "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded file", e);
        }
        return Views.TargetCsvView.of(previews.checkTargetList(actor, text));
    }

    /**
     * Sends a message rendered as a campaign would send it to the acting user's own number, found
     * by the {@link TestRecipientResolver} (400 {@code no_test_recipient} when it knows none).
     */
    @PostMapping(path = Routes.CAMPAIGN_TEST_SEND, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.TestSendView testSend(@RequestBody(required = false) Views.TestSendRequest request) {
        Actor actor = actors.current();
        actor.require(Permission.CAMPAIGN_CREATE);
        if (request == null) {
            throw new ValidationException("body", "missing", "a JSON body with 'body' or 'templateId' is required");
        }
        String to = testRecipients.resolve(actor).orElseThrow(() -> new ValidationException("to",
                "no_test_recipient", "no test number is configured for user '" + actor.id() + "': set "
                        + "leadreach.ui.test-recipients." + actor.id() + "=+<E.164 number>, or define a "
                        + "TestRecipientResolver bean"));
        return Views.TestSendView.of(service.sendTestMessage(actor, to, request.body(), request.templateId(),
                request.sampleLeadId()));
    }

    /** Checks a bulk send from JSON ({@code {"leadIds":[1,2]}}): who would get it and who would be skipped, and why. */
    @PostMapping(path = Routes.BULK_SEND_CHECK, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.BulkCheckView bulkCheck(@RequestBody(required = false) Views.BulkCheckRequest request) {
        Actor actor = actors.current();
        List<Long> ids = request == null || request.leadIds() == null ? List.of() : request.leadIds();
        return Views.BulkCheckView.of(previews.checkBulkSend(actor, ids));
    }

    /** Checks a bulk send from a form ({@code lead_ids} or {@code lead_ids[]}, repeated or comma-separated). */
    @PostMapping(path = Routes.BULK_SEND_CHECK, consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            MediaType.MULTIPART_FORM_DATA_VALUE})
    public Views.BulkCheckView bulkCheckForm(
            @RequestParam(name = "lead_ids[]", required = false) List<String> bracketed,
            @RequestParam(name = "lead_ids", required = false) List<String> plain) {
        Actor actor = actors.current();
        return Views.BulkCheckView.of(previews.checkBulkSend(actor, SendController.leadIds(bracketed, plain)));
    }
}
