package io.leadreach.spring;

import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The health of LeadReach's WhatsApp transport, in the actuator's health as {@code leadReachTransport}:
 * <ul>
 *   <li>sandbox (the in-process simulator): UP, with the simulator's address;</li>
 *   <li>Cloud API: DOWN when the phone number id or access token is missing, or when the latest
 *       answer was a configuration error (bad token, missing permission) with no success since;
 *       UP otherwise, with the latest failure's reason and time as details;</li>
 *   <li>another transport: UP, with its class and the latest outcomes.</li>
 * </ul>
 * It sends nothing: it reports what the engine's own sends saw ({@link SendOutcomeRecorder}).
 */
public class LeadReachTransportHealthIndicator extends AbstractHealthIndicator {

    private final WhatsAppTransport transport;
    private final CloudApiConfig cloudApi;
    private final WhatsAppCloudSimulator simulator;
    private final SendOutcomeRecorder outcomes;

    /**
     * @param transport the transport LeadReach sends through
     * @param cloudApi  its Cloud API configuration, or null for another transport
     * @param simulator the sandbox simulator, or null outside sandbox mode
     * @param outcomes  the latest answers of the transport
     */
    public LeadReachTransportHealthIndicator(WhatsAppTransport transport, CloudApiConfig cloudApi,
                                             WhatsAppCloudSimulator simulator, SendOutcomeRecorder outcomes) {
        super("LeadReach transport health check failed");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.cloudApi = cloudApi;
        this.simulator = simulator;
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("sender", transport.senderId());
        outcomes.lastSentAt().ifPresent(at -> builder.withDetail("lastSentAt", at.toString()));
        outcomes.lastFailure().ifPresent(f -> builder.withDetail("lastErrorClass", f.reason())
                .withDetail("lastErrorAt", f.at().toString()));
        if (simulator != null && transport instanceof CloudApiTransport) {
            builder.up().withDetail("mode", "sandbox").withDetail("simulator", simulator.baseUrl());
            return;
        }
        if (transport instanceof CloudApiTransport && cloudApi != null) {
            boolean configured = !blank(cloudApi.phoneNumberId()) && !blank(cloudApi.accessToken());
            builder.withDetail("mode", "cloud-api").withDetail("configured", configured)
                    .withDetail("baseUrl", cloudApi.baseUrl().toString());
            if (!configured || outcomes.misconfigured()) {
                builder.down();
            } else {
                builder.up();
            }
            return;
        }
        builder.up().withDetail("transport", transport.getClass().getName());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
