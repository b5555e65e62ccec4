package io.leadreach.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.examples.browser.Browser;
import io.leadreach.examples.crm.DemoCrmApplication;
import io.leadreach.examples.crm.Lead;
import io.leadreach.examples.crm.LeadRepository;
import io.leadreach.examples.crm.pages.DemoCrmPagesTest;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The LeadReach console in a real Chromium, as the demo CRM's users see it: a template made in the
 * template manager, a campaign built through the builder's four steps from a CSV of lead ids and a
 * status filter and sent with that template, its details page going live to COMPLETED, failures
 * injected in the WhatsApp simulator and retried from the failed table, the analytics charts, an
 * automation rule with its dry run, and a viewer who sees none of the actions. The figures on the
 * pages are checked against LeadReach's stores and what the simulator received, and every page is
 * saved to {@code target/screenshots/console-*.png}.
 *
 * <p>The methods run in order and share what they create (the template, the campaigns), as a user's
 * session would.
 */
@Tag("browser")
@DemoCrmPagesTest
@ContextConfiguration(classes = DemoCrmApplication.class) // outside the application's package
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration CAMPAIGN_WAIT = Duration.ofSeconds(45);
    /** The eight buckets of the details page, each recipient in exactly one. */
    private static final List<String> BUCKETS = List.of("OPEN", "SENT", "DELIVERED", "READ", "FAILED", "SKIPPED",
            "CANCELLED", "IN_DOUBT");
    private static final String TEMPLATE_NAME = "Insurance review reminder";

    @RegisterExtension
    static final Browser browser = new Browser();

    /** Made by the first test, used by the builder. */
    private static long templateId;
    /** Launched from the builder. */
    private static long builtCampaignId;

    @LocalServerPort
    int port;

    @Autowired
    LeadRepository leads;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    TemplateStore templates;
    @Autowired
    WhatsAppCloudSimulator simulator;
    @Autowired
    LeadWhatsAppService service;

    @TempDir
    static Path files;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @BeforeEach
    void signedOut() {
        browser.open(url("/login"));
        browser.driver().manage().deleteAllCookies();
    }

    @AfterEach
    void noConsoleErrorsAndNoFaultsLeft() {
        simulator.faults().clear();
        assertThat(browser.consoleErrors()).as("errors on the browser's console").isEmpty();
    }

    @Test
    @Order(1)
    void aTemplateManagerWritesATemplateWithVariableButtonsAndSeesItsPreview() {
        signInAs("tom");
        browser.open(url("/leads/whatsapp/templates"));
        assertThat(browser.find("h1").getText()).isEqualTo("Message templates");
        browser.click("#lr-new-template").awaitUrlContains("/leads/whatsapp/templates/new");

        browser.find("#lr-t-name").sendKeys(TEMPLATE_NAME);
        new Select(browser.find("#lr-t-category")).selectByValue("REMINDER");
        WebElement body = browser.find("#lr-t-body");
        body.sendKeys("Hi ");
        browser.click("[data-insert='{first_name}']");
        body.sendKeys(", your ");
        browser.click("[data-insert='{product_interest}']");
        body.sendKeys(" review is due this month. Reply YES and we will call you.");
        String written = "Hi {first_name}, your {product_interest} review is due this month. Reply YES and we will call you.";
        assertThat(body.getDomProperty("value")).isEqualTo(written);
        assertThat(browser.find("#lr-t-counter").getText()).isEqualTo(written.length() + " / 4,096");

        // The preview fills the variables in for the sample lead, the first of the CRM.
        Lead sample = leads.findAll(Sort.by("id")).get(0);
        String expected = "Hi " + sample.name().split(" ")[0] + ", your " + sample.productInterest()
                + " review is due this month. Reply YES and we will call you.";
        assertThat(browser.findAll(".lr-template-editor .lr-hint")).extracting(WebElement::getText)
                .contains("As " + sample.name() + " would see it. Variables with no value for this lead are marked.");
        assertThat(previewText("lr-t-preview")).isEqualTo(expected);
        assertThat(browser.findAll("#lr-t-preview .lr-missing")).isEmpty();
        browser.screenshot("console-11-template-editor");

        browser.click("#lr-t-save").awaitUrlContains("/leads/whatsapp/templates?saved=");
        assertThat(browser.find(".lr-saved").getText()).isEqualTo("Template “" + TEMPLATE_NAME + "” saved.");
        MessageTemplate saved = templates.findByName(TEMPLATE_NAME).orElseThrow();
        assertThat(saved.body()).isEqualTo(written);
        assertThat(saved.category().name()).isEqualTo("REMINDER");
        assertThat(saved.createdBy()).isEqualTo("tom");
        templateId = saved.id();
        WebElement row = browser.find("#lr-template-" + templateId);
        assertThat(row.getText()).contains(TEMPLATE_NAME, "by tom", "Active");
        assertThat(row.findElement(By.cssSelector("[data-usage]")).getText()).isEqualTo("0");
        browser.screenshot("console-10-templates");
    }

    @Test
    @Order(2)
    void aCampaignIsBuiltFromACsvAndAFilterWithTheTemplateAndLaunched() throws IOException {
        assertThat(templateId).as("the template of the first test").isPositive();
        signInAs("maria");
        browser.click("[data-nav=campaigns]").awaitUrlContains("/leads/whatsapp/campaigns");
        assertThat(browser.find("h1").getText()).isEqualTo("Campaigns");
        browser.click("#lr-create-campaign").awaitUrlContains("/leads/whatsapp/campaigns/create");

        List<Lead> all = leads.findAll(Sort.by("id"));
        awaitMatchCount(all.size());
        browser.find("#lr-name").sendKeys("Renewal reminder, first forty");
        browser.find("#lr-description").sendKeys("Qualified leads and proposals from the trade-show list");

        // The filter: the count follows each tick.
        check("status", "qualified");
        awaitMatchCount(count(all, l -> Set.of("qualified").contains(l.status())));
        check("status", "proposal");
        Set<String> statuses = Set.of("qualified", "proposal");
        awaitMatchCount(count(all, l -> statuses.contains(l.status())));

        // The CSV: the first forty leads, a header, a duplicate and a line that is no lead id.
        List<Lead> listed = all.subList(0, 40);
        StringBuilder csv = new StringBuilder("lead_id\n");
        listed.forEach(l -> csv.append(l.id()).append('\n'));
        csv.append(listed.get(3).id()).append('\n').append("not-a-number\n");
        Path file = Files.writeString(files.resolve("trade-show-leads.csv"), csv, StandardCharsets.UTF_8);
        browser.find("#lr-csv-file").sendKeys(file.toAbsolutePath().toString());
        assertThat(browser.find("#lr-csv-summary").getText())
                .isEqualTo("40 lead ids read from trade-show-leads.csv; 1 duplicate dropped; 1 invalid line left out.");
        List<Lead> targeted = listed.stream().filter(l -> statuses.contains(l.status())).toList();
        assertThat(targeted).hasSizeBetween(5, 30);
        awaitMatchCount(targeted.size());
        awaitText("#lr-match-status", "of the 40 listed leads " + (targeted.size() == 1 ? "matches" : "match"));
        // Untick a status: the count follows with the list still applied.
        check("status", "proposal");
        awaitMatchCount(count(listed, l -> l.status().equals("qualified")));
        check("status", "proposal");
        awaitMatchCount(targeted.size());
        browser.screenshot("console-02-builder-target");

        // Message: the template from the library.
        browser.click("#lr-next");
        browser.find("#lr-step-message:not([hidden])");
        Select picker = new Select(browser.find("#lr-template"));
        picker.selectByValue(String.valueOf(templateId));
        assertThat(picker.getFirstSelectedOption().getText()).startsWith(TEMPLATE_NAME);
        MessageTemplate template = templates.findById(templateId).orElseThrow();
        assertThat(browser.find("#lr-body").getDomProperty("value")).isEqualTo(template.body());
        assertThat(browser.find("#lr-template-note").getText()).startsWith("Sent as saved in the library");
        Lead firstTargeted = targeted.get(0);
        // The bubble shows the variables until the preview fills them in for the first matching lead.
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "the bubble filled in, it shows "
                + previewText("lr-bubble-text")).until(d -> rendered(firstTargeted).equals(previewText("lr-bubble-text")));
        awaitText("#lr-sample-note", "Filled in for lead " + firstTargeted.id() + ".");
        browser.screenshot("console-03-builder-message");

        browser.click("#lr-next");
        browser.find("#lr-step-schedule:not([hidden])");
        setValue("#lr-mpm", "60");
        setValue("#lr-attempts", "2");
        browser.screenshot("console-04-builder-schedule");

        browser.click("#lr-next");
        browser.find("#lr-step-review:not([hidden])");
        awaitText("#lr-review-matching", String.valueOf(targeted.size()));
        assertThat(browser.find("#lr-review-willsend").getText()).isEqualTo(String.valueOf(targeted.size()));
        assertThat(browser.find("#lr-review-skipped").getText()).isEqualTo("0");
        String summary = browser.find("#lr-review-summary").getText();
        assertThat(summary).contains("Renewal reminder, first forty", "status proposal or qualified",
                "40 listed leads (trade-show-leads.csv)", "Template “" + TEMPLATE_NAME + "”",
                "60 messages per minute, 2 attempts per message");
        browser.screenshot("console-05-builder-review");

        browser.click("#lr-launch");
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.urlMatches("/leads/whatsapp/campaigns/\\d+$"));
        builtCampaignId = Long.parseLong(browser.url().substring(browser.url().lastIndexOf('/') + 1));
        Campaign campaign = campaigns.find(builtCampaignId).orElseThrow();
        assertThat(campaign.templateId()).isEqualTo(templateId);
        assertThat(campaign.createdBy()).isEqualTo("maria");
        assertThat(campaign.throttle().messagesPerMinute()).isEqualTo(60);
        assertThat(campaign.status()).isIn(CampaignStatus.ACTIVE, CampaignStatus.COMPLETED);
        // The recipients are added in the background; at one a second, the campaign is still going
        // when the page shows them all.
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "all recipients on the page: " + shownBuckets())
                .until(d -> shownBuckets().getOrDefault("TOTAL", 0L) == targeted.size());
        assertThat(textOf("#lr-campaign-status")).isEqualTo("ACTIVE");
        assertThat(textOf(".lr-live-note")).isEqualTo("Live");
        assertBucketsAddUp(targeted.size());
        browser.screenshot("console-06-details-running");

        awaitStatus("COMPLETED");
        assertThat(simulatorSettled()).isTrue();
        // The page shows what the store holds, without a reload, once the receipts are in.
        awaitBucketsEqualStore(builtCampaignId);
        assertBucketsAddUp(targeted.size());
        CampaignCounters n = campaigns.counts(builtCampaignId);
        // The API answers the same figures, to the same session.
        assertThat(apiBuckets(builtCampaignId)).isEqualTo(storeBuckets(n)).isEqualTo(shownBuckets());
        assertThat(n.total()).isEqualTo(targeted.size());
        assertThat(n.failed() + n.skipped() + n.cancelled() + n.inDoubt() + n.open()).isZero();

        // Exactly the targeted leads, each sent the template once, filled in for them.
        List<CampaignRecipient> recipients = campaigns.recipients(builtCampaignId, 0, 1_000);
        assertThat(recipients).extracting(CampaignRecipient::leadId)
                .containsExactlyInAnyOrderElementsOf(targeted.stream().map(Lead::id).toList());
        Map<Long, Lead> byId = targeted.stream().collect(Collectors.toMap(Lead::id, Function.identity()));
        for (CampaignRecipient r : recipients) {
            List<SentMessage> sent = simulator.sentFor(r.correlationId());
            assertThat(sent).as("messages to lead %d", r.leadId()).hasSize(1);
            assertThat(sent.get(0).body()).isEqualTo(rendered(byId.get(r.leadId())));
        }
        browser.screenshot("console-07-details-completed");

        // The list shows it, and the template counts its use.
        browser.open(url("/leads/whatsapp/campaigns"));
        WebElement row = browser.find("#lr-campaign-table tr[data-campaign-id='" + builtCampaignId + "']");
        assertThat(row.getText()).contains("Renewal reminder, first forty", "COMPLETED");
        browser.screenshot("console-01-campaigns");
        assertThat(templates.findById(templateId).orElseThrow().usageCount()).isEqualTo(targeted.size());
    }

    @Test
    @Order(3)
    void failuresInjectedInWhatsAppShowInTheFailedTableAndRetryFailedResolvesThem() {
        // A draft of twelve leads, one attempt each, started from its page while WhatsApp fails
        // the first four sends with a temporary error.
        List<Long> ids = leads.findAll(Sort.by("id")).stream().skip(60).limit(12).map(Lead::id).toList();
        Campaign draft = service.createCampaign(Actor.of("maria", Permission.CAMPAIGN_CREATE),
                CampaignSpec.builder().name("Open house invitation").body("Hello {first_name}, join our open house on Saturday.")
                        .target(TargetCriteria.ofLeadIds(ids)).messagesPerMinute(600).maxAttempts(1).build());
        // Nothing else sends meanwhile: the faults are for this campaign.
        new WebDriverWait(browser.driver(), CAMPAIGN_WAIT).withMessage("no active campaign")
                .until(d -> campaigns.list(Set.of(CampaignStatus.ACTIVE)).isEmpty());
        signInAs("maria");
        browser.open(url("/leads/whatsapp/campaigns/" + draft.id()));
        assertThat(browser.find("#lr-campaign-status").getText()).isEqualTo("DRAFT");
        simulator.faults().failNext(4, 131000);
        browser.click("#lr-campaign-actions [data-action=execute]");
        awaitStatus("COMPLETED");
        assertThat(simulatorSettled()).isTrue();
        awaitBucketsEqualStore(draft.id());
        assertThat(campaigns.counts(draft.id()).failed()).isEqualTo(4);

        new WebDriverWait(browser.driver(), WAIT).until(d -> browser.findAll("#lr-failed-table tbody tr").size() == 4);
        awaitText("#lr-failed h2", "Failed recipients (4)");
        Map<Long, Lead> failedLeads = campaigns.recipients(draft.id(), 0, 100).stream()
                .filter(r -> r.status() == RecipientStatus.FAILED)
                .collect(Collectors.toMap(CampaignRecipient::leadId, r -> leads.findById(r.leadId()).orElseThrow()));
        List<String> lines = browser.findAll("#lr-failed-table tbody tr").stream().map(WebElement::getText).toList();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).contains("131000", "can be retried"));
        for (Lead lead : failedLeads.values()) {
            // Who, by name and lead id, and the number as people write it: +1 201-555-0161.
            assertThat(lines).anySatisfy(line -> assertThat(line)
                    .contains(lead.name() + " #" + lead.id(), PhoneNumbers.forDisplay(lead.mobile())));
        }
        browser.screenshot("console-08-details-failed");

        browser.click("#lr-retry-failed");
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        awaitText("#lr-flash", "4 failed recipients are queued to be sent again.");
        new WebDriverWait(browser.driver(), CAMPAIGN_WAIT).until(d -> campaigns.counts(draft.id()).failed() == 0
                && campaigns.find(draft.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
        awaitStatus("COMPLETED");
        assertThat(simulatorSettled()).isTrue();
        awaitBucketsEqualStore(draft.id());
        awaitText("#lr-failed h2", "Failed recipients (0)");
        assertThat(apiBuckets(draft.id())).isEqualTo(storeBuckets(campaigns.counts(draft.id())));
        assertThat(browser.find("#lr-failed").getText()).contains("No failed recipients.");
        assertBucketsAddUp(12);
        // Each lead got the invitation once: the failed sends never reached a phone.
        for (CampaignRecipient r : campaigns.recipients(draft.id(), 0, 100)) {
            assertThat(simulator.sentFor(r.correlationId())).as("lead %d", r.leadId()).hasSize(1);
        }
        browser.screenshot("console-09-details-retried");
    }

    @Test
    @Order(4)
    void theAnalyticsChartsAreDrawnWithTheCampaignsFigures() {
        signInAs("maria");
        browser.click("[data-nav=analytics]").awaitUrlContains("/leads/whatsapp/analytics");
        for (String chart : List.of("lr-chart-daily", "lr-chart-status", "lr-chart-campaigns", "lr-chart-reads")) {
            awaitChartDrawn(chart);
        }
        CampaignCounters n = campaigns.counts(builtCampaignId);
        WebElement row = browser.findAll("#lr-campaign-comparison tbody tr").stream()
                .filter(tr -> tr.getText().startsWith("Renewal reminder, first forty")).findFirst().orElseThrow();
        List<String> cells = row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(1)).isEqualTo("COMPLETED");
        assertThat(cells.get(2)).as("recipients").isEqualTo(String.valueOf(n.total()));
        assertThat(cells.get(5)).as("read").isEqualTo(String.valueOf(n.read()));
        assertThat(browser.find("#lr-top-templates").getText()).contains(TEMPLATE_NAME);
        browser.screenshot("console-12-analytics");

        // The heat map of sends sits in a closed <details>: opened, it is drawn too.
        browser.click("#lr-chart-sends-toggle");
        awaitChartDrawn("lr-chart-sends");
        browser.screenshot("console-12-analytics-sends");
    }

    @Test
    @Order(5)
    void anAutomationRuleShowsItsDryRunAndIsSaved() {
        signInAs("maria");
        browser.click("[data-nav=automation]").awaitUrlContains("/leads/whatsapp/automation-rules");
        browser.click("#lr-new-rule").awaitUrlContains("/leads/whatsapp/automation-rules/new");
        browser.find("#lr-r-name").sendKeys("Renewal due in a month");
        new Select(browser.find("#lr-r-trigger")).selectByValue("RENEWAL_DUE");
        setValue("#lr-r-days", "30");
        new Select(browser.find("#lr-r-template")).selectByValue(String.valueOf(templateId));
        browser.find("#lr-r-statuses").sendKeys("qualified");
        browser.find("#lr-r-name").click();
        // The dry run follows the form: qualified leads whose renewal falls in the next 30 days.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Lead> due = leads.findAll(Sort.by("id")).stream().filter(l -> l.status().equals("qualified")
                && l.renewalDate() != null && !l.renewalDate().isBefore(today)
                && !l.renewalDate().isAfter(today.plusDays(30))).toList();
        assertThat(due).isNotEmpty();
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "dry run of " + due.size() + " leads, it shows: "
                        + textOf("#lr-dry-run"))
                .until(d -> String.valueOf(due.size()).equals(js("var r = document.getElementById('lr-dry-run-result');"
                        + "return r ? r.getAttribute('data-leads') : null;")));
        List<WebElement> rows = browser.findAll("#lr-dry-run tr[data-lead-id]");
        assertThat(rows).isNotEmpty();
        Lead first = due.get(0);
        assertThat(rows.get(0).getAttribute("data-lead-id")).isEqualTo(String.valueOf(first.id()));
        assertThat(rows.get(0).getText()).contains(first.name(), rendered(first));
        browser.screenshot("console-14-automation-editor");

        browser.click("#lr-r-save").awaitUrlContains("/leads/whatsapp/automation-rules?saved=");
        assertThat(browser.find(".lr-saved").getText()).isEqualTo("Rule “Renewal due in a month” saved.");
        browser.screenshot("console-13-automation-rules");
    }

    @Test
    @Order(6)
    void aViewerSeesTheCampaignsButNoActions() {
        signInAs("vic");
        browser.click("[data-nav=campaigns]").awaitUrlContains("/leads/whatsapp/campaigns");
        assertThat(browser.find("#lr-campaign-table").getText()).contains("Renewal reminder, first forty");
        assertThat(browser.findAll("#lr-create-campaign")).isEmpty();
        browser.open(url("/leads/whatsapp/campaigns/" + builtCampaignId));
        assertThat(browser.find("#lr-campaign-status").getText()).isEqualTo("COMPLETED");
        assertThat(browser.findAll("#lr-campaign-actions [data-action]")).isEmpty();
        assertThat(browser.findAll("#lr-retry-failed")).isEmpty();
        assertThat(browser.findAll("#lr-export-csv")).hasSize(1);
        browser.screenshot("console-15-details-as-viewer");
        // Nor does the builder open for a viewer: a page says what is missing, in the console's frame.
        browser.open(url("/leads/whatsapp/campaigns/create"));
        assertThat(browser.find("h1").getText()).isEqualTo("You cannot open this page");
        assertThat(browser.find("#lr-forbidden").getText()).contains("lead-whatsapp-campaign-create", "vic");
        assertThat(browser.findAll("#lr-builder")).isEmpty();
        assertThat(browser.findAll("#lr-launch")).isEmpty();
        browser.screenshot("console-16-builder-refused-to-a-viewer");
        browser.consoleErrors(); // the refused page's 403 is the point here
    }

    // ------------------------------------------------------------------ helpers

    private void signInAs(String user) {
        browser.open(url("/login")).submitSignIn(user, DemoCrmPagesTest.PASSWORD).awaitUrlContains("/crm/leads");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    private void check(String filter, String value) {
        browser.click("input[data-filter-value='" + filter + "'][value='" + value + "']");
    }

    private void setValue(String css, String value) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(value);
    }

    private String previewText(String id) {
        // The bubble's text without its time stamp.
        return (String) js("var b = document.getElementById(arguments[0]).cloneNode(true);"
                + "b.querySelectorAll('.lr-bubble-time').forEach(function (t) { t.remove(); });"
                + "return b.textContent;", id);
    }

    private String rendered(Lead lead) {
        return "Hi " + lead.name().split(" ")[0] + ", your " + lead.productInterest()
                + " review is due this month. Reply YES and we will call you.";
    }

    private static long count(List<Lead> leads, java.util.function.Predicate<Lead> p) {
        return leads.stream().filter(p).count();
    }

    private void awaitMatchCount(long expected) {
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "matching count " + expected + ", shown "
                + browser.find("#lr-match-count").getText())
                .until(d -> textOf("#lr-match-count").equals(String.valueOf(expected))
                        && !textOf("#lr-match-status").startsWith("Counting"));
    }

    /** Waits until the element's text starts with this; the element may be swapped meanwhile. */
    private void awaitText(String css, String expected) {
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> css + " to read " + expected + ", it reads "
                + textOf(css)).until(d -> textOf(css).startsWith(expected));
    }

    private String textOf(String css) {
        Object text = js("var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", css);
        return String.valueOf(text);
    }

    private void awaitStatus(String status) {
        new WebDriverWait(browser.driver(), CAMPAIGN_WAIT).withMessage(() -> "campaign status " + status)
                .until(d -> status.equals(js("var s = document.getElementById('lr-campaign-status');"
                        + "return s ? s.textContent : null;")));
    }

    /** Whether the simulator posted every webhook it owes. */
    private boolean simulatorSettled() {
        try {
            return simulator.awaitWebhooks(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The buckets as the page shows them, the recipients total under "TOTAL". */
    @SuppressWarnings("unchecked")
    private Map<String, Long> shownBuckets() {
        Map<String, Object> raw = (Map<String, Object>) js("var out = {};"
                + "document.querySelectorAll('#lr-buckets [data-bucket]').forEach(function (b) {"
                + "  out[b.getAttribute('data-bucket')] = Number(b.querySelector('.lr-stat-value').textContent.replace(/[^0-9]/g, ''));"
                + "});"
                + "return out;");
        Map<String, Long> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    /** The buckets from the JSON API ({@code GET /leads/whatsapp/campaigns/{id}}), asked by the browser's session. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> apiBuckets(long campaignId) {
        Map<String, Object> stats = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], { headers: { Accept: 'application/json' }, credentials: 'same-origin' })"
                        + "  .then(function (r) { return r.json(); })"
                        + "  .then(function (j) { done(j.statistics); }, function (e) { done({ error: String(e) }); });",
                url("/leads/whatsapp/campaigns/" + campaignId));
        assertThat(stats).doesNotContainKey("error");
        Map<String, Object> byStatus = (Map<String, Object>) stats.get("byStatus");
        Function<Object, Long> n = v -> ((Number) v).longValue();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("OPEN", n.apply(stats.get("open")));
        out.put("SENT", n.apply(byStatus.get("sent")));
        out.put("DELIVERED", n.apply(byStatus.get("delivered")));
        out.put("READ", n.apply(byStatus.get("read")));
        out.put("FAILED", n.apply(stats.get("failed")));
        out.put("SKIPPED", n.apply(stats.get("skipped")));
        out.put("CANCELLED", n.apply(stats.get("cancelled")));
        out.put("IN_DOUBT", n.apply(stats.get("inDoubt")));
        out.put("TOTAL", n.apply(stats.get("total")));
        return out;
    }

    private static Map<String, Long> storeBuckets(CampaignCounters n) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("OPEN", n.open());
        out.put("SENT", n.get(RecipientStatus.SENT));
        out.put("DELIVERED", n.get(RecipientStatus.DELIVERED));
        out.put("READ", n.get(RecipientStatus.READ));
        out.put("FAILED", n.failed());
        out.put("SKIPPED", n.skipped());
        out.put("CANCELLED", n.cancelled());
        out.put("IN_DOUBT", n.inDoubt());
        out.put("TOTAL", n.total());
        return out;
    }

    private void assertBucketsAddUp(long recipients) {
        Map<String, Long> shown = shownBuckets();
        assertThat(shown.keySet()).containsAll(BUCKETS).contains("TOTAL");
        assertThat(BUCKETS.stream().mapToLong(shown::get).sum()).as("the buckets of %s", shown).isEqualTo(recipients);
        assertThat(shown.get("TOTAL")).isEqualTo(recipients);
    }

    private void awaitBucketsEqualStore(long campaignId) {
        WebDriver driver = browser.driver();
        new WebDriverWait(driver, WAIT).withMessage(() -> "figures on the page " + shownBuckets() + ", in the store "
                + storeBuckets(campaigns.counts(campaignId)))
                .until(d -> shownBuckets().equals(storeBuckets(campaigns.counts(campaignId))));
    }

    /** Waits until the chart has an ECharts instance and a canvas with some pixels that are not blank. */
    private void awaitChartDrawn(String id) {
        new WebDriverWait(browser.driver(), WAIT).withMessage(() -> "chart " + id + " drawn")
                .until(d -> Boolean.TRUE.equals(js("var el = document.getElementById(arguments[0]);"
                        + "if (!el || !window.echarts || !window.echarts.getInstanceByDom(el)) { return false; }"
                        + "var c = el.querySelector('canvas');"
                        + "if (!c || c.width === 0 || c.height === 0) { return false; }"
                        + "var data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "for (var i = 3; i < data.length; i += 4) { if (data[i] !== 0) { return true; } }"
                        + "return false;", id)));
    }
}
