package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.Settlement;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A campaign on PostgreSQL sent by engine nodes in child JVMs ({@link CrashChild}) that are killed
 * with SIGKILL ({@link Process#destroyForcibly()}) at seeded random moments, each time resumed by a
 * new child on the same database, which takes the dead one's work over once its lease lapses. A
 * last child runs the campaign to completion; then this process, as the webhook would, settles the
 * recipients held IN_DOUBT whose correlation id the simulator accepted. The simulator's record shows
 * no lead's number twice, every accepted message is a SENT recipient and every other recipient is
 * still IN_DOUBT (a send the simulator never received: never resent, never lost), and the counters
 * equal the simulator's count.
 *
 * <p>Seeded: {@code -Dleadreach.crash.seed=N} replays the kill moments of a run (the seed is printed).
 */
@Tag("long")
class CrashResumeTest {

    private static final int LEADS = 3_000;
    private static final int KILLS = 12;
    /**
     * The sender's rate of the children that are killed: low enough that twelve of them, each alive
     * at most {@link #MAX_LIFE_MILLIS} and starting with a full bucket, cannot finish the campaign
     * (12 x (4.8 s x 40 + 40) = 2,784 < 3,000), however fast the machine, so every kill falls mid-campaign.
     */
    private static final int KILLED_PER_SECOND = 40;
    /** The last child's rate, which sends what is left. */
    private static final int LAST_PER_SECOND = 400;
    /**
     * A child is killed between these many milliseconds after it said READY (it needs about a second
     * to warm up before its first send on this machine, so some kills still fall before it sends).
     */
    private static final int MIN_LIFE_MILLIS = 800;
    private static final int MAX_LIFE_MILLIS = 4_800;
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    @Test
    void killedNodesAreTakenOverAndNoLeadIsSentTwiceOrLost() throws Exception {
        long seed = Long.getLong("leadreach.crash.seed", System.nanoTime());
        System.out.println("crash test seed " + seed + " (replay with -Dleadreach.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        TestDatabase db = TestDatabase.POSTGRESQL;
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs", Bucket4jRateLimiter.TABLE);
        JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
        Path logs = Path.of("target", "crash-children");
        Files.createDirectories(logs);

        try (WhatsAppCloudSimulator sim = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false)
                .pairRateEnforced(false).unlimitedThroughput().seed(seed).start();
             LeadReach here = localLeadReach(db)) {
            Campaign c = here.service().createCampaign(ADMIN, CampaignSpec.builder().name("crash")
                    .body("Hi {name}, your renewal is due.").messagesPerMinute(1_000_000).build());
            here.service().executeCampaign(ADMIN, c.id()); // ACTIVE; the children drive it

            List<String> kills = new ArrayList<>();
            for (int k = 1; k <= KILLS; k++) {
                Child child = Child.start(db.dataSource(), sim, "node-" + k, c.id(), KILLED_PER_SECOND, false, logs);
                assertThat(child.ready.await(90, TimeUnit.SECONDS)).as("child %d started", k).isTrue();
                long before = sim.sentCount();
                int life = MIN_LIFE_MILLIS + random.nextInt(MAX_LIFE_MILLIS - MIN_LIFE_MILLIS);
                Thread.sleep(life);
                child.process.destroyForcibly();
                assertThat(child.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills.add(String.format("kill %d after %d ms: +%d sent", k, life, sim.sentCount() - before));
            }
            CampaignCounters atLastKill = campaigns.counts(c.id());
            System.out.println(String.join("; ", kills));
            System.out.println("after " + KILLS + " kills: " + atLastKill + "; simulator accepted " + sim.sentCount());
            assertThat(atLastKill.total() < LEADS || atLastKill.open() > 0)
                    .as("every kill fell while the campaign still had work").isTrue();

            // The sender's bucket is configured once, when its row is created: drop it so the last
            // child's faster rate applies (every child that used it is dead).
            db.clear(Bucket4jRateLimiter.TABLE);
            Child last = Child.start(db.dataSource(), sim, "node-final", c.id(), LAST_PER_SECOND, true, logs);
            assertThat(last.process.waitFor(120, TimeUnit.SECONDS)).as("the last child completes the campaign").isTrue();
            assertThat(last.process.exitValue()).isZero();
            assertThat(last.done.await(10, TimeUnit.SECONDS)).as("the last child said DONE").isTrue();
            assertThat(campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
            CampaignCounters beforeSettling = campaigns.counts(c.id());

            // The status webhook's part: every recipient in doubt whose correlation id the simulator
            // accepted is settled as sent. The rest never reached it, and stay in doubt.
            Map<String, List<SentMessage>> accepted = sim.sentMessages().stream()
                    .collect(Collectors.groupingBy(SentMessage::correlationId));
            int settled = 0;
            for (CampaignRecipient r : allRecipients(campaigns, c.id())) {
                if (r.status() == RecipientStatus.IN_DOUBT && accepted.containsKey(r.correlationId())) {
                    SentMessage m = accepted.get(r.correlationId()).get(0);
                    assertThat(here.runner().settle(r.correlationId(), new Settlement.Sent(m.wamid(), m.acceptedAt())))
                            .isPresent();
                    settled++;
                }
            }

            // No number twice, no correlation id twice.
            Map<String, Long> perNumber = sim.sentMessages().stream()
                    .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
            assertThat(perNumber.values()).as("messages per number").containsOnly(1L);
            assertThat(sim.sentCountsByCorrelationId().values()).as("messages per correlation id").containsOnly(1);
            // Every recipient SENT with an accepted message to its lead, or IN_DOUBT and never received.
            Map<Long, CampaignRecipient> byLead = new HashMap<>();
            for (CampaignRecipient r : allRecipients(campaigns, c.id())) {
                byLead.put(r.leadId(), r);
                String number = FictionalLeads.mobile(r.leadId());
                if (r.status() == RecipientStatus.SENT) {
                    assertThat(accepted).as("lead %d sent", r.leadId()).containsKey(r.correlationId());
                    assertThat(accepted.get(r.correlationId()).get(0).to()).isEqualTo(number);
                } else {
                    assertThat(r.status()).as("lead %d", r.leadId()).isEqualTo(RecipientStatus.IN_DOUBT);
                    assertThat(perNumber).as("lead %d in doubt", r.leadId()).doesNotContainKey(number);
                }
            }
            assertThat(byLead).as("every lead is a recipient").hasSize(LEADS);
            CampaignCounters counts = campaigns.counts(c.id());
            assertThat(counts.total()).isEqualTo(LEADS);
            assertThat(counts.open()).isZero();
            assertThat(counts.sent()).isEqualTo(sim.sentCount());
            assertThat(counts.sent() + counts.inDoubt()).isEqualTo(LEADS);
            System.out.printf("crash: %d kills (seed %d); at completion %d sent, %d in doubt; %d settled from the"
                            + " simulator's record; %d stay in doubt (never received); %d sent = simulator's %d%n",
                    KILLS, seed, beforeSettling.sent(), beforeSettling.inDoubt(), settled, counts.inDoubt(),
                    counts.sent(), sim.sentCount());
        }
    }

    /** A LeadReach in this process over the same database that runs nothing by itself. */
    private static LeadReach localLeadReach(TestDatabase db) {
        return LeadReach.builder().nodeId("test").transport(new RecordingTransport())
                .leadDirectory(FictionalLeads.directory(LEADS))
                .campaignStore(new JpaCampaignStore(db.emf())).messageStore(new JpaMessageStore(db.emf()))
                .templateStore(new JpaTemplateStore(db.emf())).consentStore(new JpaConsentStore(db.emf()))
                .rateLimiter(Bucket4jRateLimiter.postgresql(db.dataSource(), Clock.systemUTC()))
                .workQueue(new ManualWorkQueue(Clock.systemUTC()))
                .sending(SendingConfig.custom().enforceServiceWindow(false).build())
                .autoStart(false).build();
    }

    private static List<CampaignRecipient> allRecipients(JpaCampaignStore campaigns, long campaignId) {
        List<CampaignRecipient> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<CampaignRecipient> page = campaigns.recipients(campaignId, after, 1_000);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            after = page.get(page.size() - 1).id();
        }
    }

    /** A {@link CrashChild} JVM, its output copied to a log file and watched for READY and DONE. */
    private static final class Child {
        final Process process;
        final CountDownLatch ready = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);

        private Child(Process process) {
            this.process = process;
        }

        static Child start(HikariDataSource ds, WhatsAppCloudSimulator sim, String nodeId, long campaignId,
                           int perSecond, boolean untilDone, Path logs) throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", classPath, CrashChild.class.getName(),
                    ds.getJdbcUrl(), ds.getUsername(), sim.baseUrl(), nodeId, Long.toString(campaignId),
                    Integer.toString(LEADS), Integer.toString(perSecond)));
            if (untilDone) {
                cmd.add("--until-done");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Child child = new Child(p);
            Path log = logs.resolve(nodeId + ".log");
            Thread pump = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        out.println(line);
                        if (line.startsWith("READY")) {
                            child.ready.countDown();
                        } else if (line.startsWith("DONE")) {
                            child.done.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the child was killed mid-line: its log simply ends there
                }
            }, "output-" + nodeId);
            pump.setDaemon(true);
            pump.start();
            return child;
        }
    }
}
