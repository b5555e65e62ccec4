package io.leadreach.whatsapp.simulator;

import io.leadreach.attachment.MediaKind;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.sending.RateLimit;
import io.leadreach.template.ProviderTemplate;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rules a real business number meets, checked for each message request: the templates and
 * media it names, the number's throughput, the 24-hour service window, marketing opt-outs and the
 * pair rate. Also what changes them: inbound messages open a window, users opt out and in. One
 * per simulated number: throughput, pair rate and windows are the number's own; opt-outs are
 * the business's, shared by its numbers. Thread-safe.
 */
final class NumberRules {

    private record TemplateKey(String name, String language) {
    }

    private final Clock clock;
    private final Traffic traffic;
    private final int throughputPerSecond;
    private final boolean pairRateEnforced;
    /** The throughput and pair-rate buckets: core's token buckets, on the simulator's clock. */
    private final InMemoryRateLimiter limiter;
    private final RateLimit throughput;
    private final RateLimit pairRate;
    private final ConcurrentHashMap<String, Instant> lastInbound = new ConcurrentHashMap<>();
    private final Set<String> windowOpen;
    /** The business's opted-out users (digits), shared by its numbers. */
    private final Set<String> optedOut;
    private final Map<TemplateKey, ProviderTemplate> templates = new HashMap<>();
    private volatile boolean windowEnforced;

    /** {@code optedOut}: a thread-safe set the numbers of the business share. */
    NumberRules(SimulatorBuilder b, Traffic traffic, Set<String> optedOut) {
        this.clock = b.clock;
        this.optedOut = optedOut;
        this.traffic = traffic;
        this.throughputPerSecond = b.throughputPerSecond;
        this.pairRateEnforced = b.pairRateEnforced;
        this.limiter = new InMemoryRateLimiter(clock);
        this.throughput = b.throughputPerSecond > 0 ? RateLimit.perSecond(b.throughputPerSecond) : null;
        this.pairRate = new RateLimit(b.pairBurst, 1, b.pairInterval);
        this.windowEnforced = b.windowEnforced;
        this.windowOpen = Set.copyOf(b.windowOpen);
        for (ProviderTemplate t : b.templates) {
            templates.put(new TemplateKey(t.name(), t.language()), t);
        }
    }

    void windowEnforced(boolean enforced) {
        this.windowEnforced = enforced;
    }

    /** The user (digits) wrote now: their service window is open for 24 hours. */
    void wrote(String number) {
        lastInbound.put(number, clock.instant());
    }

    void optOut(String number) {
        optedOut.add(number);
    }

    void optIn(String number) {
        optedOut.remove(number);
    }

    /**
     * Checks a parsed request by the number's rules, in Meta's order; returns the configured
     * template it names (null for a free-form message, or when no templates are configured).
     */
    ProviderTemplate check(MessageRequest request) throws SimulatorError {
        ProviderTemplate template = request.isTemplate() ? checkTemplate(request) : null;
        String recipient = request.recipientDigits();
        if (throughput != null && limiter.tryAcquire("throughput", throughput, 1) == 0) {
            throw new SimulatorError(130429,
                    "Cloud API message throughput has been reached (" + throughputPerSecond + " messages/s)");
        }
        if (!request.isTemplate() && windowEnforced && !windowOpen.contains(recipient)) {
            Instant last = lastInbound.get(recipient);
            if (last == null || !clock.instant().isBefore(last.plus(WhatsAppCloudSimulator.SERVICE_WINDOW))) {
                throw new SimulatorError(131047, "Message failed to send because more than 24 hours have "
                        + "passed since the customer last replied to this number.");
            }
        }
        if (template != null && "MARKETING".equalsIgnoreCase(template.category()) && optedOut.contains(recipient)) {
            throw new SimulatorError(131050, "Unable to deliver the message. This recipient has chosen "
                    + "to stop receiving marketing messages on WhatsApp from your business.");
        }
        if (pairRateEnforced && limiter.tryAcquire("pair:" + recipient, pairRate, 1) == 0) {
            throw new SimulatorError(131056, "Message failed to send because there were too many messages"
                    + " sent from this phone number to the same phone number in a short period of time.");
        }
        return template;
    }

    /** The configured template a request names, checked like Meta does (none configured: any template passes). */
    private ProviderTemplate checkTemplate(MessageRequest request) throws SimulatorError {
        if (templates.isEmpty()) {
            return null;
        }
        ProviderTemplate template = templates.get(new TemplateKey(request.templateName(), request.language()));
        if (template == null) {
            throw new SimulatorError(132001, "(#132001) Template name does not exist in the translation",
                    "template name (" + request.templateName() + ") does not exist in " + request.language());
        }
        String status = template.status().toUpperCase(Locale.ROOT);
        if ("PAUSED".equals(status)) {
            throw new SimulatorError(132015, "(#132015) Template is paused", null);
        }
        if ("DISABLED".equals(status)) {
            throw new SimulatorError(132016, "(#132016) Template is disabled", null);
        }
        if (!template.isApproved()) {
            throw new SimulatorError(132001, "(#132001) Template name does not exist in the translation",
                    "template " + request.templateName() + " is " + status);
        }
        if (request.parameters().size() != template.bodyParameterCount()) {
            throw new SimulatorError(132000, "(#132000) Number of parameters does not match the expected number of params",
                    "body: number of localizable_params (" + request.parameters().size()
                            + ") does not match the expected number of params (" + template.bodyParameterCount() + ")");
        }
        return template;
    }

    /** A media id a message names: one this simulator issued, of the message's type (any for a document). */
    void checkMedia(String type, String id) throws SimulatorError {
        UploadedMedia uploaded = traffic.upload(id);
        if (uploaded == null) {
            throw new SimulatorError(100, "(#100) Param " + type + "['id'] is not a valid whatsapp business account media "
                    + "attachment ID", null);
        }
        MediaKind kind = MediaKind.ofMimeType(uploaded.mimeType());
        if (!"document".equals(type) && !kind.apiName().equals(type)) {
            throw new SimulatorError(131053, "media " + id + " is " + uploaded.mimeType() + ", not " + type);
        }
    }
}
