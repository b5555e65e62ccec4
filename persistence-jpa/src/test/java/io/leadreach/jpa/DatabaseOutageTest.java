package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The database goes away mid-campaign and comes back: the engine's connections to PostgreSQL run
 * through a {@link TcpProxy} that is cut for a few seconds (every connection closed, new ones
 * refused). Sending pauses while the database is out of reach, resumes when it is back, and the
 * campaign ends with every recipient sent exactly once: none lost, none FAILED because of the
 * database, no number sent twice, and counters that match what the transport sent.
 *
 * <p>Real sockets and connection-pool timeouts need real time, so the engine runs on the system
 * clock and its own work queue here.
 */
class DatabaseOutageTest {

    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));
    private static final int LEADS = 3_000;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    @Test
    void sendingPausesWhileTheDatabaseIsAwayAndResumesWithoutLosingOrRepeatingAnyone() throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        String direct = db.dataSource().getJdbcUrl();
        URI target = URI.create(direct.substring("jdbc:".length()));
        RecordingTransport transport = new RecordingTransport();
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= LEADS; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .source("web").build());
        }
        // Read through the direct connection: what the database holds, whatever the proxy does.
        JpaCampaignStore observer = new JpaCampaignStore(db.emf());

        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
             HikariDataSource ds = new HikariDataSource(viaProxy(db.dataSource(), direct, target, proxy.port()))) {
            EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(ds, Map.of());
            JpaCampaignStore campaigns = new JpaCampaignStore(emf);
            try (emf; LeadReach leadReach = LeadReach.builder()
                    .clock(Clock.systemUTC()).transport(transport).leadDirectory(leads)
                    .campaignStore(campaigns).messageStore(new JpaMessageStore(emf))
                    .consentStore(new JpaConsentStore(emf)).templateStore(new JpaTemplateStore(emf))
                    .sending(SendingConfig.custom().batchSize(50).senderMessagesPerSecond(1_000).sendWindow(SendWindow.always())
                            .enforceServiceWindow(false).lease(Duration.ofSeconds(10)).sendTimeout(Duration.ofSeconds(5))
                            .pollInterval(Duration.ofMillis(200)).build())
                    .build()) {
                Campaign c = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name("outage")
                        .body("Hi {name}").messagesPerMinute(30_000).build()); // 500 a second: about 6 s of sending
                leadReach.service().executeCampaign(ADMIN, c.id());

                awaitTrue(Duration.ofSeconds(60), () -> transport.count() >= LEADS / 4);
                proxy.cut();
                int atCut = transport.count();
                Thread.sleep(1_000); // sends already handed out finish; nothing new is marked
                int paused = transport.count();
                Thread.sleep(OUTAGE.toMillis() - 1_000);
                assertThat(transport.count()).as("nothing sent while the database is away (cut at %d)", atCut)
                        .isEqualTo(paused);
                assertThat(paused).as("the campaign was cut mid-way").isLessThan(LEADS);
                proxy.restore();

                long restored = System.nanoTime();
                awaitTrue(Duration.ofSeconds(90),
                        () -> observer.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
                double resumedFor = (System.nanoTime() - restored) / 1e9;

                Map<String, Long> perNumber = transport.messages().stream()
                        .collect(Collectors.groupingBy(OutboundMessage::to, Collectors.counting()));
                assertThat(perNumber.values()).as("no number sent twice").containsOnly(1L);
                Map<String, RecordingTransport.Sent> byCorrelation = new HashMap<>();
                for (RecordingTransport.Sent s : transport.sent()) {
                    byCorrelation.put(s.message().correlationId(), s);
                }
                // A send whose outcome could not be recorded before its lease lapsed would be held
                // IN_DOUBT, to be settled by its status webhook: settle those here as the webhook would.
                int inDoubtAtEnd = 0;
                List<CampaignRecipient> all = recipients(observer, c.id());
                for (CampaignRecipient r : all) {
                    if (r.status() == RecipientStatus.IN_DOUBT) {
                        inDoubtAtEnd++;
                        RecordingTransport.Sent s = byCorrelation.get(r.correlationId());
                        assertThat(s).as("held in doubt but never sent: lead %d", r.leadId()).isNotNull();
                        leadReach.runner().settle(r.correlationId(), new Settlement.Sent(
                                ((SendOutcome.Accepted) s.outcome()).providerMessageId(), Instant.now()));
                    }
                }
                CampaignCounters counts = observer.counts(c.id());
                System.out.printf(Locale.ROOT, "outage: %d sent before the cut, %d more after it, %d held"
                        + " in doubt at the end, completed %.1f s after the database came back; counters %s%n",
                        atCut, paused - atCut, inDoubtAtEnd, resumedFor, counts.asMap());
                assertThat(counts.total()).isEqualTo(LEADS);
                assertThat(counts.failed()).as("no one FAILED because of the database").isZero();
                assertThat(counts.sent()).as("everyone sent").isEqualTo(LEADS);
                assertThat(transport.count()).as("exactly once each").isEqualTo(LEADS);
                for (CampaignRecipient r : recipients(observer, c.id())) {
                    assertThat(byCorrelation).as("lead %d sent with its recorded attempt", r.leadId())
                            .containsKey(r.correlationId());
                }
            }
        }
    }

    /** The test schema's pool settings, through the proxy, quick to give up on a missing database. */
    private static HikariConfig viaProxy(HikariDataSource base, String direct, URI target, int port) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("leadreach-outage");
        c.setJdbcUrl(direct.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + port));
        c.setUsername(base.getUsername());
        c.setMaximumPoolSize(6);
        c.setConnectionTimeout(500);
        c.setValidationTimeout(250);
        return c;
    }

    private static List<CampaignRecipient> recipients(JpaCampaignStore store, long campaignId) {
        List<CampaignRecipient> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<CampaignRecipient> page = store.recipients(campaignId, after, 1_000);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
