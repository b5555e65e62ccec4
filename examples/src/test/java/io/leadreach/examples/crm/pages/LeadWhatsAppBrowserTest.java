package io.leadreach.examples.crm.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.attachment.TestFiles;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.examples.browser.Browser;
import io.leadreach.examples.crm.Customer;
import io.leadreach.examples.crm.CustomerRepository;
import io.leadreach.examples.crm.Lead;
import io.leadreach.examples.crm.LeadRepository;
import io.leadreach.history.TimelineEntry;
import io.leadreach.lead.ConsentStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;

/**
 * LeadReach's pieces in the demo CRM's own pages, in a real Chromium: the lead's WhatsApp tab
 * (a send with each accepted attachment type, an executable refused in place, delivered and read
 * ticks from the simulator's status webhooks, a reply), the bulk-send modal (5 leads with results
 * per lead; 150 leads with the progress bar, surviving a reload; 150 cancelled midway), the links
 * between a customer and its lead, and a user who may not send. Every figure on screen is checked
 * against the stores and the simulator's record of what it accepted; each state is saved to
 * {@code target/screenshots/whatsapp-*.png}.
 *
 * <p>320 demo leads, so that every test writes to leads of its own (a lead is paced to one
 * message per 6 s). The default throttle (600 messages a minute) sends 150 leads in about 15 s,
 * time enough to reload the page or cancel midway; the simulator delivers a message after 0.3 s and
 * reads it after 10 s, so the tab (which refreshes itself every 5 s) shows both ticks.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demo.password=" + LeadWhatsAppBrowserTest.PASSWORD, "demo.leads=320", "demo.simulator.replies=false",
        "demo.simulator.read-share=1.0", "demo.simulator.delivered-after=300ms", "demo.simulator.read-after=10s",
        "spring.datasource.url=jdbc:h2:mem:crm_whatsapp;DB_CLOSE_DELAY=-1",
        "leadreach.attachments.directory=target/test-attachments"})
class LeadWhatsAppBrowserTest {

    static final String PASSWORD = "whatsapp-test";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Actor ADMIN = Actor.of("test", Permission.values());

    @RegisterExtension
    static final Browser browser = new Browser();

    static Path uploads;
    /** Console errors a test provokes on purpose (the browser logs every refused fetch). */
    private final List<String> expectedConsoleErrors = new java.util.ArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    WhatsAppCloudSimulator simulator;
    @Autowired
    MessageStore messages;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    LeadReach leadReach;
    @Autowired
    LeadRepository leadRepository;
    @Autowired
    CustomerRepository customers;
    @Autowired
    ConsentStore consent;

    @BeforeAll
    static void files() throws IOException {
        uploads = Files.createDirectories(Path.of("target", "test-uploads"));
        Files.write(uploads.resolve("brochure.pdf"), TestFiles.pdf("brochure"));
        Files.write(uploads.resolve("storefront.jpg"), image("jpg", new Color(0x12, 0x8c, 0x7e)));
        Files.write(uploads.resolve("floor-plan.png"), image("png", new Color(0x1f, 0x8f, 0xe5)));
        Files.write(uploads.resolve("offer-letter.doc"), TestFiles.doc());
        Files.write(uploads.resolve("contract.docx"), TestFiles.docx());
        Files.write(uploads.resolve("setup.exe"), executable());
        Files.write(uploads.resolve("invoice.pdf"), executable()); // an executable named like a PDF
    }

    @BeforeEach
    void signedOut() {
        browser.open(url("/login"));
        browser.driver().manage().deleteAllCookies();
        js("window.localStorage.clear();");
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("errors on the browser's console")
                .filteredOn(e -> expectedConsoleErrors.stream().noneMatch(e::contains)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- lead tab

    @Test
    void aSingleSendFromTheLeadTabCarriesEachAcceptedAttachmentType() {
        signInAs("maria");
        Map<String, String> types = Map.of("brochure.pdf", "application/pdf", "storefront.jpg", "image/jpeg",
                "floor-plan.png", "image/png", "offer-letter.doc", "application/msword", "contract.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        List<String> files = List.of("brochure.pdf", "storefront.jpg", "floor-plan.png", "offer-letter.doc",
                "contract.docx");
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            Lead lead = lead(i + 1);
            long before = simulator.sentCount();
            openLead(lead);
            browser.find("#lre-composer-message").sendKeys("Hello {name}, here is the " + file + " we spoke about.");
            browser.find("#lre-composer-file").sendKeys(uploads.resolve(file).toAbsolutePath().toString());
            WebElement preview = browser.find("#lre-composer-file-preview [data-lre-file-name]");
            assertThat(preview.getAttribute("data-lre-file-name")).isEqualTo(file);
            if (i == 1) {
                assertThat(browser.find("#lre-composer-file-preview img.lre-thumb").getDomProperty("naturalWidth"))
                        .isNotEqualTo("0");
                browser.screenshot("whatsapp-01-composer-with-image");
            }
            browser.click("#lre-composer-send");
            waitFor(d -> "sent".equals(d.findElement(By.id("lre-composer-answer")).getAttribute("data-code")));
            WebElement bubble = browser.find("#lre-timeline li.lre-msg.out .lre-bubble-att");
            assertThat(bubble.getText()).contains(file);

            List<LeadMessage> stored = messages.findByLead(lead.id(), 10);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).attachment().filename()).isEqualTo(file);
            assertThat(stored.get(0).attachment().mimeType()).isEqualTo(types.get(file));
            assertThat(stored.get(0).sentBy()).isEqualTo("maria");
            await(() -> simulator.sentCount() == before + 1);
            if (i == 1) {
                waitFor(d -> !d.findElements(By.cssSelector("#lre-gallery img.lre-thumb")).isEmpty());
                assertThat(browser.find("#lre-timeline .lre-bubble-att img.lre-thumb").getDomProperty("naturalWidth"))
                        .isEqualTo("320");
                browser.screenshot("whatsapp-02-lead-tab-sent-image");
            }
            SentMessage accepted = lastAcceptedTo(lead.mobile());
            assertThat(accepted.type()).isEqualTo(file.endsWith(".jpg") || file.endsWith(".png") ? "image" : "document");
            assertThat(accepted.body()).isEqualTo("Hello " + lead.name() + ", here is the " + file + " we spoke about.");
        }
        browser.screenshot("whatsapp-02-lead-tab-sent-document");
        // The gallery of the last lead holds its DOCX.
        assertThat(browser.find(".lre-gallery-card").getText()).contains("contract.docx");
    }

    @Test
    void anExecutableIsRefusedInPlaceAndNothingIsSent() {
        signInAs("maria");
        Lead lead = lead(6);
        expectedConsoleErrors.add("/leads/" + lead.id() + "/whatsapp/send - Failed to load resource: the server "
                + "responded with a status of 415");
        long before = simulator.sentCount();
        openLead(lead);
        browser.find("#lre-composer-message").sendKeys("Please install this.");
        browser.find("#lre-composer-file").sendKeys(uploads.resolve("setup.exe").toAbsolutePath().toString());
        WebElement error = browser.find("#lre-composer-file-error");
        waitFor(d -> error.isDisplayed());
        assertThat(error.getText())
                .isEqualTo("“setup.exe” is not an accepted file type. Accepted: PDF, JPG, PNG, DOC, DOCX.");
        assertThat(browser.findAll("#lre-composer-file-preview [data-lre-file-name]")).isEmpty();
        browser.screenshot("whatsapp-03-composer-refused-executable");

        // An executable named like a PDF passes the browser's check; the server reads its bytes.
        browser.find("#lre-composer-file").sendKeys(uploads.resolve("invoice.pdf").toAbsolutePath().toString());
        browser.find("#lre-composer-file-preview [data-lre-file-name]");
        browser.click("#lre-composer-send");
        WebElement answer = browser.find("#lre-composer-answer");
        waitFor(d -> answer.isDisplayed() && answer.getAttribute("data-code") != null);
        assertThat(answer.getAttribute("data-lre-answer")).isEqualTo("error");
        assertThat(answer.getAttribute("data-code")).isEqualTo("type_not_allowed");
        assertThat(answer.getText()).isEqualTo("Not sent: the attachment was refused.");
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).isEqualTo("“invoice.pdf” was refused: its content is not a PDF, JPG, PNG, DOC or "
                + "DOCX file, whatever its name says.");
        browser.screenshot("whatsapp-04-composer-refused-by-server");

        assertThat(messages.findByLead(lead.id(), 10)).isEmpty();
        assertThat(simulator.sentCount()).isEqualTo(before);
        assertThat(simulator.sentMessages()).noneMatch(m -> m.to().equals(lead.mobile()));
        assertThat(browser.findAll("#lre-timeline li.lre-msg")).isEmpty();
    }

    @Test
    void theTimelineShowsDeliveredAndReadTicksAndTheLeadsReply() {
        signInAs("maria");
        Lead lead = lead(7);
        openLead(lead);
        browser.find("#lre-composer-message").sendKeys("Your quote for {product_interest} is ready.");
        browser.click("#lre-composer-send");
        waitFor(d -> "sent".equals(d.findElement(By.id("lre-composer-answer")).getAttribute("data-code")));

        // A second message right away: the lead is paced (one message per 6 s), nothing more is sent.
        expectedConsoleErrors.add("/leads/" + lead.id() + "/whatsapp/send - Failed to load resource: the server "
                + "responded with a status of 429");
        browser.find("#lre-composer-message").sendKeys("And one more thing.");
        browser.click("#lre-composer-send");
        waitFor(d -> "throttled".equals(d.findElement(By.id("lre-composer-answer")).getAttribute("data-code")));
        assertThat(browser.find("#lre-composer-answer").getText()).matches("Sent too recently: try again in [1-6] s\\.");
        assertThat(browser.find("#lre-composer-message").getDomProperty("value")).isEqualTo("And one more thing.");
        assertThat(messages.findByLead(lead.id(), 10)).hasSize(1);
        browser.find("#lre-composer-message").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertThat(browser.find("#lre-composer-send").isEnabled()).as("nothing to send").isFalse();

        String out = "#lre-timeline li.lre-msg.out";
        waitFor(d -> status(d, out).equals("DELIVERED"));
        assertThat(browser.find(out + " [data-lre-tick]").getAttribute("title")).isEqualTo("Delivered");
        assertThat(browser.find(out + " [data-lre-tick]").getText()).isEqualTo("✓✓");
        assertThat(messages.findByLead(lead.id(), 1).get(0).status()).isIn(MessageStatus.DELIVERED, MessageStatus.READ);
        browser.screenshot("whatsapp-05-lead-tab-delivered");
        // The pacing advice goes once its time has passed.
        waitFor(d -> !d.findElement(By.id("lre-composer-answer")).isDisplayed());
        waitFor(d -> status(d, out).equals("READ"));
        assertThat(browser.find(out + " [data-lre-tick]").getAttribute("title")).isEqualTo("Read");
        assertThat(messages.findByLead(lead.id(), 1).get(0).status()).isEqualTo(MessageStatus.READ);

        simulator.simulateInbound(lead.mobile(), "Thanks! Could you call me tomorrow at 10?");
        waitFor(d -> !d.findElements(By.cssSelector("#lre-timeline li.lre-msg.in")).isEmpty());
        WebElement reply = browser.find("#lre-timeline li.lre-msg.in");
        assertThat(reply.getText()).contains("Thanks! Could you call me tomorrow at 10?", "Lead replied");
        List<TimelineEntry> entries = leadReach.history().leadTimeline(ADMIN, lead.id(), null, 10).entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).isInstanceOf(TimelineEntry.Incoming.class);
        // Newest first: the reply above the message it answers.
        List<WebElement> items = browser.findAll("#lre-timeline li.lre-msg");
        assertThat(items).extracting(e -> e.getAttribute("data-direction")).containsExactly("in", "out");
        browser.screenshot("whatsapp-06-lead-tab-read-and-reply");
    }

    @Test
    void aLongHistoryPagesOlderMessagesAndAStopReplyOptsTheLeadOutLive() {
        Lead lead = lead(20);
        java.time.Instant now = java.time.Instant.now();
        for (int i = 30; i >= 1; i--) { // 30 earlier messages, one a day
            java.time.Instant at = now.minus(Duration.ofDays(i));
            messages.save(LeadMessage.builder().leadId(lead.id()).mobile(lead.mobile()).body("Update number " + (31 - i))
                    .status(MessageStatus.READ).sentBy("maria").correlationId("history-" + lead.id() + "-" + i)
                    .providerMessageId("wamid.history" + lead.id() + i).attempts(1).createdAt(at).sentAt(at)
                    .deliveredAt(at.plusSeconds(5)).readAt(at.plusSeconds(60)).build());
        }
        signInAs("maria");
        openLead(lead);
        assertThat(browser.findAll("#lre-timeline li.lre-msg")).hasSize(25);
        assertThat(browser.find("#lre-timeline li.lre-msg").getText()).contains("Update number 30");
        browser.click("#lre-timeline-older");
        waitFor(d -> d.findElements(By.cssSelector("#lre-timeline li.lre-msg")).size() == 30);
        assertThat(browser.findAll("#lre-timeline-older")).isEmpty();
        List<WebElement> all = browser.findAll("#lre-timeline li.lre-msg");
        assertThat(all.get(29).getText()).contains("Update number 1");

        expectedConsoleErrors.add("/leads/" + lead.id() + "/whatsapp/send - Failed to load resource: the server "
                + "responded with a status of 4");
        simulator.simulateInbound(lead.mobile(), "STOP");
        waitFor(d -> "true".equals(d.findElement(By.id("lre-consent")).getAttribute("data-opted-out")));
        assertThat(consent.isOptedOut(lead.mobile())).isTrue();
        assertThat(browser.find("#lre-consent").getText()).isEqualTo("Opted out");
        waitFor(d -> !d.findElements(By.id("lre-consent-detail")).isEmpty());
        assertThat(browser.find("#lre-consent-detail").getText())
                .startsWith("This lead opted out of WhatsApp messages: by the lead, by replying a stop keyword, ")
                .endsWith("Nothing will be sent to it.");
        waitFor(d -> !d.findElements(By.cssSelector("#lre-timeline li.lre-msg.in")).isEmpty());
        assertThat(browser.find("#lre-timeline li.lre-msg.in").getText()).contains("STOP");
        // The older page the user opened stays below the refreshed first page.
        assertThat(browser.findAll("#lre-timeline li.lre-msg")).hasSize(31);
        browser.screenshot("whatsapp-07-lead-tab-opted-out-live");

        long before = simulator.sentCount();
        browser.find("#lre-composer-message").sendKeys("Are you still interested?");
        browser.click("#lre-composer-send");
        waitFor(d -> "opted_out".equals(d.findElement(By.id("lre-composer-answer")).getAttribute("data-code")));
        assertThat(browser.find("#lre-composer-answer").getText())
                .isEqualTo("This lead opted out of WhatsApp messages: nothing was sent.");
        assertThat(messages.findByLead(lead.id(), 50)).hasSize(30);
        assertThat(simulator.sentCount()).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------- bulk send

    @Test
    void aBulkSendToFiveLeadsShowsTheResultOfEach() {
        Lead stopped = lead(16);
        simulator.simulateInbound(stopped.mobile(), "STOP");
        await(() -> consent.isOptedOut(stopped.mobile()));
        signInAs("maria");
        List<Lead> five = List.of(lead(11), lead(12), lead(13), lead(14), lead(15));
        long before = simulator.sentCount();
        for (Lead l : five) {
            browser.click("#crm-leads tr[data-lead-id='" + l.id() + "'] input[name=lead_ids]");
        }
        browser.click("#crm-leads tr[data-lead-id='" + stopped.id() + "'] input[name=lead_ids]");
        assertThat(browser.find("#crm-selection-count").getText()).isEqualTo("6 leads selected");
        browser.screenshot("whatsapp-08-leads-selected");

        js("window.scrollTo(0, 0);");
        browser.click("#crm-bulk-send");
        WebElement modal = browser.find("#lre-bulk-modal");
        assertThat(browser.find("#lre-bulk-title").getText()).isEqualTo("Send WhatsApp to 6 leads");
        viewport("whatsapp-09-bulk-modal");
        waitFor(d -> !d.findElements(By.id("lre-bulk-check-result")).isEmpty());
        WebElement check = browser.find("#lre-bulk-check-result");
        assertThat(check.getAttribute("data-selected")).isEqualTo("6");
        assertThat(check.getAttribute("data-will-send")).isEqualTo("5");
        assertThat(check.getAttribute("data-skipped")).isEqualTo("1");
        assertThat(browser.find("#lre-bulk-check-result [data-lre-skip=OPTED_OUT]").getText()).isEqualTo("1 opted out");
        browser.find("#lre-bulk-message").sendKeys("Hi {name}, our open day is on Saturday ");
        browser.click("#lre-bulk-emoji");
        browser.find("#lre-bulk-emoji-panel [data-emoji]");
        viewport("whatsapp-10-bulk-emoji-picker");
        String emoji = browser.find("#lre-bulk-emoji-panel [data-emoji]").getAttribute("data-emoji");
        browser.click("#lre-bulk-emoji-panel [data-emoji]");
        assertThat(browser.find("#lre-bulk-message").getDomProperty("value")).endsWith("Saturday " + emoji);
        viewport("whatsapp-10-bulk-pre-send-check");

        browser.click("#lre-bulk-submit");
        waitFor(d -> d.findElements(By.cssSelector("#lre-bulk-results tr[data-lead-id]")).size() == 6);
        for (Lead l : five) {
            WebElement row = browser.find("#lre-bulk-results tr[data-lead-id='" + l.id() + "']");
            assertThat(row.getAttribute("data-status")).isNotEqualTo("FAILED");
            assertThat(row.getText()).contains(l.name(), "Sent");
            assertThat(messages.findByLead(l.id(), 10)).hasSize(1)
                    .allSatisfy(m -> assertThat(m.body()).isEqualTo("Hi " + l.name() + ", our open day is on Saturday " + emoji));
        }
        WebElement refused = browser.find("#lre-bulk-results tr[data-lead-id='" + stopped.id() + "']");
        assertThat(refused.getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(refused.getText()).contains(stopped.name(), "Not sent", "Opted out of WhatsApp messages");
        assertThat(simulator.sentMessages()).noneMatch(m -> m.to().equals(stopped.mobile()));
        assertThat(browser.find("#lre-bulk-results .lre-results-head").getText()).isEqualTo("5 sent, 1 not sent.");
        await(() -> simulator.sentCount() == before + 5);
        assertThat(modal.isDisplayed()).isTrue();
        viewport("whatsapp-11-bulk-results");
        browser.click("#lre-bulk-cancel");
        waitFor(d -> d.findElements(By.id("lre-bulk-modal")).isEmpty());
    }

    @Test
    void aBulkSendTo150LeadsShowsItsProgressToTheEndAndSurvivesAReload() {
        signInAs("maria");
        List<Long> ids = ids(21, 170);
        long before = simulator.sentCount();
        openBulkSend(ids);
        WebElement check = browser.find("#lre-bulk-check-result");
        assertThat(check.getAttribute("data-selected")).isEqualTo("150");
        assertThat(check.getAttribute("data-will-send")).isEqualTo("150");
        browser.find("#lre-bulk-message").sendKeys("Hi {name}, our spring rates are out.");
        browser.find("#lre-bulk-file").sendKeys(uploads.resolve("brochure.pdf").toAbsolutePath().toString());
        browser.find("#lre-bulk-file-preview [data-lre-file-name]");
        browser.click("#lre-bulk-submit");
        WebElement bar = browser.find("#lre-bulk-job [data-lre-job] progress[data-lre-job-bar]");
        long job = Long.parseLong(browser.find("#lre-bulk-job [data-lre-job]").getAttribute("data-lre-job"));
        waitFor(d -> figure(d, "#lre-bulk-job", "sent") > 0);
        viewport("whatsapp-12-bulk-progress");
        assertThat(bar.getDomProperty("max")).isEqualTo("150");

        // A reload mid-way: the job's bar comes back in its own card and runs on.
        browser.driver().navigate().refresh();
        WebElement floating = browser.find("#lre-job-float [data-lre-job='" + job + "']");
        assertThat(floating.isDisplayed()).isTrue();
        waitFor(d -> figure(d, "#lre-job-float", "sent") > 0);
        assertThat(figure(browser.driver(), "#lre-job-float", "pending")).as("still running after the reload").isPositive();
        viewport("whatsapp-13-bulk-progress-after-reload");
        waitFor(d -> !d.findElements(By.cssSelector("#lre-job-float [data-lre-job-done]")).isEmpty());
        assertThat(figure(browser.driver(), "#lre-job-float", "sent")).isEqualTo(150);
        assertThat(figure(browser.driver(), "#lre-job-float", "pending")).isZero();
        assertThat(browser.find("#lre-job-float .lre-job-note").getText()).isEqualTo("Finished: 150 of 150 sent.");
        viewport("whatsapp-14-bulk-completed");

        CampaignCounters counts = campaigns.counts(job);
        assertThat(counts.total()).isEqualTo(150);
        assertThat(counts.sent()).isEqualTo(150);
        await(() -> simulator.sentCount() == before + 150);
        List<String> numbers = leadRepository.findAllById(ids).stream().map(Lead::mobile).toList();
        assertThat(simulator.sentMessages()).filteredOn(m -> numbers.contains(m.to())).hasSize(150)
                .allSatisfy(m -> assertThat(m.type()).isEqualTo("document"));
        // Finished jobs are forgotten: the next page shows no bar.
        browser.driver().navigate().refresh();
        browser.find("#crm-leads");
        assertThat(browser.findAll("#lre-job-float")).isEmpty();

        // A lead of the job sees the message in its tab, with the job's name in words.
        openLead(lead(21));
        assertThat(browser.find("#lre-timeline li.lre-msg.out .lre-bubble-att").getText()).contains("brochure.pdf");
        assertThat(browser.find("#lre-timeline li.lre-msg.out .lre-meta-campaign").getText())
                .matches("Bulk send by maria, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2} UTC");
        browser.screenshot("whatsapp-14-lead-tab-bulk-message");
    }

    @Test
    void aBulkSendCancelledMidwayShowsWhatTheStoreCounts() {
        signInAs("maria");
        List<Long> ids = ids(171, 320);
        long before = simulator.sentCount();
        openBulkSend(ids);
        browser.find("#lre-bulk-message").sendKeys("Hi {name}, a last reminder about our offer.");
        browser.click("#lre-bulk-submit");
        long job = Long.parseLong(browser.find("#lre-bulk-job [data-lre-job]").getAttribute("data-lre-job"));
        waitFor(d -> figure(d, "#lre-bulk-job", "sent") >= 10);
        browser.click("[data-lre-job-cancel='" + job + "']");
        waitFor(d -> !d.findElements(By.cssSelector("#lre-bulk-job [data-lre-job-done]")).isEmpty());
        viewport("whatsapp-15-bulk-cancelled");

        long shownSent = figure(browser.driver(), "#lre-bulk-job", "sent");
        long shownCancelled = figure(browser.driver(), "#lre-bulk-job", "cancelled");
        assertThat(browser.find("#lre-bulk-job [data-lre-job]").getAttribute("data-state")).isEqualTo("CANCELLED");
        CampaignCounters counts = campaigns.counts(job);
        assertThat(shownCancelled).isPositive().isEqualTo(counts.get(RecipientStatus.CANCELLED));
        assertThat(shownSent).isEqualTo(counts.sent());
        assertThat(shownSent + shownCancelled + counts.failed() + counts.skipped()).isEqualTo(150);
        assertThat(browser.find("#lre-bulk-job .lre-job-note").getText())
                .isEqualTo(shownSent + " sent before the cancel; " + shownCancelled + " will not be sent.");
        await(() -> simulator.sentCount() - before == counts.sent());
        assertThat(simulator.sentCount() - before).isEqualTo(shownSent);
    }

    @Test
    void aScheduledBulkSendShowsWhenItStartsAndIsCancelledBeforeIt() {
        signInAs("maria");
        List<Lead> three = List.of(lead(17), lead(18), lead(19));
        long before = simulator.sentCount();
        for (Lead l : three) {
            browser.click("#crm-leads tr[data-lead-id='" + l.id() + "'] input[name=lead_ids]");
        }
        js("window.scrollTo(0, 0);");
        browser.click("#crm-bulk-send");
        browser.find("#lre-bulk-check-result");
        browser.find("#lre-bulk-message").sendKeys("Hi {name}, see you at the open day.");
        browser.click("#lre-bulk-when-later");
        assertThat(browser.find("#lre-bulk-at").getDomProperty("value")).isNotBlank();
        assertThat(browser.find("#lre-bulk-submit").getText()).isEqualTo("Schedule");
        browser.click("#lre-bulk-submit");
        WebElement bar = browser.find("#lre-bulk-job [data-lre-job]");
        long job = Long.parseLong(bar.getAttribute("data-lre-job"));
        waitFor(d -> "SCHEDULED".equals(d.findElement(By.cssSelector("#lre-bulk-job [data-lre-job]")).getAttribute("data-state")));
        assertThat(browser.find("#lre-bulk-job [data-lre-job-scheduled]").getText()).startsWith("starts ");
        assertThat(browser.find("#lre-bulk-job [data-lre-job-state]").getText()).isEqualTo("Scheduled · 0 of 3");
        assertThat(campaigns.find(job).orElseThrow().status()).isEqualTo(io.leadreach.campaign.CampaignStatus.SCHEDULED);
        viewport("whatsapp-16-bulk-scheduled");

        browser.click("[data-lre-job-cancel='" + job + "']");
        waitFor(d -> !d.findElements(By.cssSelector("#lre-bulk-job [data-lre-job-done]")).isEmpty());
        assertThat(campaigns.find(job).orElseThrow().status()).isEqualTo(io.leadreach.campaign.CampaignStatus.CANCELLED);
        assertThat(browser.find("#lre-bulk-job .lre-job-note").getText())
                .isEqualTo("0 sent before the cancel; 3 will not be sent.");
        assertThat(figure(browser.driver(), "#lre-bulk-job", "cancelled")).isEqualTo(3);
        assertThat(browser.find("#lre-bulk-job [data-lre-job-scheduled]").getText()).startsWith("was to start ");
        viewport("whatsapp-17-bulk-scheduled-cancelled");
        for (Lead l : three) {
            assertThat(messages.findByLead(l.id(), 10)).isEmpty();
        }
        assertThat(simulator.sentCount()).isEqualTo(before);
    }

    // ---------------------------------------------------------------------------------------- navigation, permissions

    @Test
    void aCustomerAndItsLeadLinkBothWays() {
        signInAs("maria");
        Lead converted = lead(10); // every tenth demo lead is converted
        Customer customer = customers.findByOriginalLeadId(converted.id()).orElseThrow();
        openLead(converted);
        browser.click("#crm-view-customer").awaitUrlContains("/crm/customers/" + customer.id());
        assertThat(browser.find("#crm-converted-from").getText()).isEqualTo(converted.leadNumber());
        assertThat(browser.find("#crm-conversion").getText()).contains("Converted from Lead:");
        browser.screenshot("whatsapp-18-customer");
        browser.click("#crm-view-original-lead").awaitUrlContains("/crm/leads/" + converted.id());
        assertThat(browser.find("#crm-lead-number").getText()).isEqualTo(converted.leadNumber());
        browser.find("#lre-lead-tab");
        browser.screenshot("whatsapp-19-converted-lead-with-tab");

        // A host that puts the tab in a narrow column gets it in one column: the attachments below the messages.
        js("document.getElementById('whatsapp').style.maxWidth = '440px';");
        WebElement main = browser.find("#lre-lead-tab .lre-tab-main");
        WebElement gallery = browser.find("#lre-lead-tab .lre-gallery-card");
        assertThat(gallery.getRect().getY()).isGreaterThan(main.getRect().getY() + main.getRect().getHeight() - 1);
        assertThat(gallery.getRect().getWidth()).isEqualTo(main.getRect().getWidth());
        browser.screenshot("whatsapp-21-lead-tab-in-a-narrow-column");
    }

    @Test
    void aUserWhoMayNotSendSeesNoSendControlsAndTheServerRefuses() {
        signInAs("vic");
        assertThat(browser.findAll("[data-leadreach-bulk-send]")).isEmpty();
        assertThat(browser.findAll("#crm-lead-selection input[name=lead_ids]")).isNotEmpty();
        Lead lead = lead(8);
        expectedConsoleErrors.add("/leads/" + lead.id() + "/whatsapp/send - Failed to load resource: the server "
                + "responded with a status of 403");
        expectedConsoleErrors.add("/leads/whatsapp/bulk-send - Failed to load resource: the server "
                + "responded with a status of 403");
        openLead(lead);
        assertThat(browser.find("#lre-lead-tab").getText()).contains("Messages");
        assertThat(browser.findAll("#lre-composer")).isEmpty();
        assertThat(browser.findAll("#lre-composer-send, #lre-composer-message")).isEmpty();
        browser.screenshot("whatsapp-20-lead-tab-view-only");

        long before = simulator.sentCount();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1], body = new FormData();"
                        + "body.append('message', 'Not allowed');"
                        + "var h = {}; h[document.querySelector('meta[name=_csrf_header]').content] ="
                        + " document.querySelector('meta[name=_csrf]').content; h.Accept = 'application/json';"
                        + "fetch('/leads/" + lead.id() + "/whatsapp/send', {method: 'POST', body: body, headers: h})"
                        + ".then(function (r) { return r.text().then(function (t) {"
                        + " done({status: r.status, type: r.headers.get('Content-Type'), body: t}); }); });");
        assertThat(answer.get("status")).isEqualTo(403L);
        assertThat((String) answer.get("type")).startsWith("application/problem+json");
        assertThat((String) answer.get("body")).contains("\"status\":403");
        assertThat(messages.findByLead(lead.id(), 10)).isEmpty();
        assertThat(simulator.sentCount()).isEqualTo(before);

        @SuppressWarnings("unchecked")
        Map<String, Object> bulk = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1], body = new FormData();"
                        + "body.append('message', 'Not allowed'); body.append('lead_ids', '" + lead.id() + "');"
                        + "var h = {}; h[document.querySelector('meta[name=_csrf_header]').content] ="
                        + " document.querySelector('meta[name=_csrf]').content; h.Accept = 'application/json';"
                        + "fetch('/leads/whatsapp/bulk-send', {method: 'POST', body: body, headers: h})"
                        + ".then(function (r) { return r.text().then(function (t) {"
                        + " done({status: r.status, type: r.headers.get('Content-Type'), body: t}); }); });");
        assertThat(bulk.get("status")).isEqualTo(403L);
        assertThat((String) bulk.get("type")).startsWith("application/problem+json");
        assertThat(simulator.sentCount()).isEqualTo(before);
    }

    @Test
    void aUserWithoutWhatsAppPermissionsSeesNoWhatsAppOnTheLeadPage() {
        signInAs("lee");
        openLead(lead(9));
        browser.find("#crm-lead-name");
        assertThat(browser.findAll("#leadreach-lead-tab, #lre-lead-tab")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("You do not have permission");
    }

    @Test
    void theSignInPageBringsBackNoJobBarOfASessionThatEnded() {
        // A job kept in the browser from a session that ended (signed out, expired).
        js("window.localStorage.setItem('leadreach.bulkJob:/', JSON.stringify({id: 1}));");
        browser.open(url("/login"));
        waitFor(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(browser.find("#signin-form").isDisplayed()).isTrue();
        assertThat(browser.findAll("#lre-job-float, [data-lre-job]")).isEmpty();
        assertThat(browser.findAll("script[src*='leadreach-embed.js']")).isEmpty();
    }

    // ---------------------------------------------------------------------------------------- helpers

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private void signInAs(String user) {
        browser.open(url("/login")).submitSignIn(user, PASSWORD).awaitUrlContains("/crm/leads");
    }

    /** The n-th demo lead (1-based, L-2026-000n). */
    private Lead lead(int n) {
        return leadRepository.findAll(Sort.by("id")).get(n - 1);
    }

    private List<Long> ids(int from, int to) {
        List<Lead> all = leadRepository.findAll(Sort.by("id"));
        return LongStream.rangeClosed(from, to).mapToObj(n -> all.get((int) n - 1).id()).toList();
    }

    private void openLead(Lead lead) {
        browser.open(url("/crm/leads/" + lead.id()));
        if (!browser.findAll("#leadreach-lead-tab").isEmpty()) {
            browser.find("#lre-lead-tab");
        }
    }

    /** Opens the modal for these leads from the host's own script (see docs/embedding.md); waits for its check. */
    private void openBulkSend(List<Long> ids) {
        js("window.scrollTo(0, 0);");
        js("LeadReachEmbed.openBulkSend(arguments[0]);", ids);
        browser.find("#lre-bulk-modal");
        browser.find("#lre-bulk-check-result");
    }

    /**
     * What the user sees of a modal or a floating card: the window, not the whole page (a fixed
     * backdrop covers the window only, so a full-page shot would show it half-way).
     */
    private void viewport(String name) {
        try {
            Files.createDirectories(Browser.SCREENSHOTS);
            Files.write(Browser.SCREENSHOTS.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SentMessage lastAcceptedTo(String mobile) {
        List<SentMessage> to = simulator.sentMessages().stream().filter(m -> m.to().equals(mobile)).toList();
        assertThat(to).isNotEmpty();
        return to.get(to.size() - 1);
    }

    private static String status(WebDriver d, String css) {
        List<WebElement> found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : String.valueOf(found.get(0).getAttribute("data-status"));
    }

    private static long figure(WebDriver d, String scope, String name) {
        List<WebElement> found = d.findElements(By.cssSelector(scope + " [data-lre-job-" + name + "]"));
        return found.isEmpty() ? -1 : Long.parseLong(found.get(0).getAttribute("data-lre-job-" + name));
    }

    private void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static byte[] image(String format, Color color) throws IOException {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 200);
        g.setColor(color);
        g.fillRect(20, 40, 280, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    /** The start of a Windows executable: the MZ header and its DOS stub's message. */
    private static byte[] executable() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, bytes, 78, stub.length);
        return bytes;
    }
}
