package io.leadreach.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.LeadReach;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One engine node in its own JVM, for {@link CrashResumeTest}: it opens the campaign database,
 * starts LeadReach (whose periodic tick takes back lapsed leases and drives every ACTIVE
 * campaign), prints {@code READY}, and sends until it is killed, or, with {@code --until-done},
 * until the campaign is COMPLETED, when it prints {@code DONE} and exits.
 *
 * <p>Arguments: JDBC URL, database user, the simulator's base URL, node id, campaign id, number
 * of leads, sender messages per second, and optionally {@code --until-done}.
 */
final class CrashChild {

    /** The lease the children claim under: short, so a killed child's work is taken over soon. */
    static final Duration LEASE = Duration.ofSeconds(3);
    /** Below the lease, as the engine requires. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String simulator = args[2];
        String nodeId = args[3];
        long campaignId = Long.parseLong(args[4]);
        int leads = Integer.parseInt(args[5]);
        int perSecond = Integer.parseInt(args[6]);
        boolean untilDone = args.length > 7 && args[7].equals("--until-done");

        HikariConfig hc = new HikariConfig();
        hc.setPoolName("leadreach-" + nodeId);
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setMaximumPoolSize(4);
        HikariDataSource ds = new HikariDataSource(hc);
        EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(ds, Map.of());
        CloudApiConfig api = CloudApiConfig.custom().baseUrl(simulator)
                .phoneNumberId(WhatsAppCloudSimulator.DEFAULT_PHONE_NUMBER_ID)
                .wabaId(WhatsAppCloudSimulator.DEFAULT_WABA_ID)
                .accessToken(WhatsAppCloudSimulator.DEFAULT_ACCESS_TOKEN)
                .appSecret(WhatsAppCloudSimulator.DEFAULT_APP_SECRET)
                .build();
        JpaCampaignStore campaigns = new JpaCampaignStore(emf);
        try (CloudApiTransport transport = CloudApiTransport.create(api);
             LeadReach leadReach = LeadReach.builder()
                     .nodeId(nodeId).transport(transport).leadDirectory(FictionalLeads.directory(leads))
                     .campaignStore(campaigns).messageStore(new JpaMessageStore(emf))
                     .templateStore(new JpaTemplateStore(emf)).consentStore(new JpaConsentStore(emf))
                     .rateLimiter(Bucket4jRateLimiter.postgresql(ds, Clock.systemUTC()))
                     .sending(SendingConfig.custom()
                             .senderMessagesPerSecond(perSecond)
                             .leadPacing(Duration.ZERO)
                             .sendWindow(SendWindow.always())
                             .enforceServiceWindow(false)
                             .batchSize(50)
                             .lease(LEASE)
                             .sendTimeout(SEND_TIMEOUT)
                             .pollInterval(Duration.ofMillis(500))
                             .build())
                     .build()) {
            System.out.println("READY " + leadReach.runner().owner());
            System.out.flush();
            while (true) {
                Thread.sleep(250);
                if (untilDone && campaigns.find(campaignId).orElseThrow().status() == CampaignStatus.COMPLETED) {
                    break;
                }
            }
            System.out.println("DONE " + campaigns.counts(campaignId));
        } finally {
            emf.close();
            ds.close();
        }
    }
}
