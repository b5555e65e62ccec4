package io.leadreach.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.examples.browser.Browser;
import io.leadreach.examples.crm.DemoCrmApplication;
import io.leadreach.examples.crm.LeadRepository;
import io.leadreach.examples.crm.pages.DemoCrmPagesTest;
import io.leadreach.message.MessageStore;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real Chromium with three sender numbers configured in sandbox mode (the demo's
 * simulator serves them): the builder's "Send from" with each number's display number and rate, a
 * pool of two chosen and launched, the details page naming the numbers, the simulator having
 * received the messages on those two numbers only, and the lead's timeline naming the number of
 * its message, and the lead's composer sending from the number the lead wrote to. Screenshots: {@code target/screenshots/numbers-*.png}.
 */
@Tag("browser")
@DemoCrmPagesTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:crm_numbers;DB_CLOSE_DELAY=-1",
        "leadreach.whatsapp.numbers[0].phone-number-id=" + SenderNumbersBrowserTest.SALES,
        "leadreach.whatsapp.numbers[0].display-number=+1 555 0141",
        "leadreach.whatsapp.numbers[1].phone-number-id=" + SenderNumbersBrowserTest.SUPPORT,
        "leadreach.whatsapp.numbers[1].display-number=+1 555 0142",
        "leadreach.whatsapp.numbers[1].messages-per-second=250",
        "leadreach.whatsapp.numbers[2].phone-number-id=" + SenderNumbersBrowserTest.RENEWALS})
@ContextConfiguration(classes = DemoCrmApplication.class) // outside the application's package
class SenderNumbersBrowserTest {

    static final String SALES = "100000000000041";
    static final String SUPPORT = "100000000000042";
    static final String RENEWALS = "100000000000043";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    CampaignStore campaigns;
    @Autowired
    WhatsAppCloudSimulator simulator;
    @Autowired
    LeadRepository leadRepository;
    @Autowired
    MessageStore messages;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("errors on the browser's console").isEmpty();
    }

    @Test
    void aPoolOfTwoNumbersIsChosenInTheBuilderShownOnTheDetailsPageAndInTheLeadsTimeline() {
        browser.open(url("/login")).submitSignIn("maria", DemoCrmPagesTest.PASSWORD).awaitUrlContains("/crm/leads");
        browser.open(url("/leads/whatsapp/campaigns/create"));
        browser.find("#lr-name").sendKeys("Spread over two numbers");
        browser.click("input[data-filter-value='status'][value='qualified']");
        browser.click("#lr-next");
        browser.find("#lr-step-message:not([hidden])");
        browser.find("#lr-body").sendKeys("Hi {first_name}, a quick question about your {product_interest} plan.");
        browser.click("#lr-next");
        browser.find("#lr-step-schedule:not([hidden])");

        // Send from: the default number is chosen, with its display number and the engine's rate.
        assertThat(browser.find("#lr-sender-mode-default").isSelected()).isTrue();
        assertThat(browser.find("label:has(#lr-sender-mode-default)").getText())
                .isEqualTo("The default number, +1 555 0141 · 80 messages a second (the engine's rate)");
        assertThat(browser.find("#lr-sender-one-field").isDisplayed()).isFalse();
        assertThat(browser.find("#lr-sender-pool").isDisplayed()).isFalse();
        browser.screenshot("numbers-01-builder-send-from-default");

        browser.click("#lr-sender-mode-one");
        assertThat(browser.find("#lr-sender-one-field").isDisplayed()).isTrue();
        assertThat(new Select(browser.find("#lr-sender-one")).getOptions()).extracting(WebElement::getText)
                .containsExactly("+1 555 0141 · 80 messages a second (the engine's rate) · default",
                        "+1 555 0142 · 250 messages a second", RENEWALS + " · 80 messages a second (the engine's rate)");

        browser.click("#lr-sender-mode-pool");
        assertThat(browser.find("#lr-sender-pool").isDisplayed()).isTrue();
        assertThat(browser.find("#lr-sender-one-field").isDisplayed()).isFalse();
        // Three numbers: none is ticked for the user; a pool of none is refused at launch.
        for (WebElement box : browser.findAll("input[data-sender-pool]")) {
            assertThat(box.isSelected()).isFalse();
        }
        browser.click("input[data-sender-pool][value='" + SALES + "']");
        browser.click("input[data-sender-pool][value='" + SUPPORT + "']");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", browser.find("#lr-senders"));
        browser.screenshot("numbers-02-builder-send-from-pool");

        browser.click("#lr-next");
        browser.find("#lr-step-review:not([hidden])");
        new WebDriverWait(browser.driver(), WAIT).until(d -> !browser.find("#lr-review-willsend").getText().equals("–"));
        assertThat(browser.find("#lr-review-summary").getText())
                .contains("Send from\n2 numbers, spread by lead: +1 555 0141, +1 555 0142");
        browser.screenshot("numbers-03-builder-review");

        browser.click("#lr-launch");
        new WebDriverWait(browser.driver(), WAIT).until(ExpectedConditions.urlMatches("/leads/whatsapp/campaigns/\\d+$"));
        long id = Long.parseLong(browser.url().substring(browser.url().lastIndexOf('/') + 1));
        Campaign campaign = campaigns.find(id).orElseThrow();
        assertThat(campaign.senderNumbers()).containsExactly(SALES, SUPPORT);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(45))
                .until(d -> campaigns.find(id).orElseThrow().status() == CampaignStatus.COMPLETED);
        browser.open(url("/leads/whatsapp/campaigns/" + id));
        assertThat(browser.find("#lr-campaign-senders").getText())
                .isEqualTo("Sent from 2 numbers, spread by lead: +1 555 0141, +1 555 0142");
        browser.screenshot("numbers-04-details");

        assertThat(simulator.sentCountFrom(SALES)).isPositive();
        assertThat(simulator.sentCountFrom(SUPPORT)).isPositive();
        assertThat(simulator.sentCountFrom(RENEWALS)).isZero();

        // The lead's WhatsApp tab names the number its message went from.
        // (one the campaign sent to from the sales number: the reply below goes from support, whose
        // pacing for the lead is not taken by the campaign's message)
        List<CampaignRecipient> recipients = campaigns.recipients(id, 0, 100);
        long lead = recipients.stream().map(CampaignRecipient::leadId)
                .filter(l -> SALES.equals(messages.findByLead(l, 1).get(0).senderNumber())).findFirst().orElseThrow();
        browser.open(url("/crm/leads/" + lead));
        WebElement from = browser.find("#lre-timeline .lre-meta-from");
        assertThat(from.getText()).isEqualTo("From +1 555 0141");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", from);
        browser.screenshot("numbers-05-lead-timeline");

        // The composer says which number its message goes from: the default one until the lead writes,
        // then the number the lead wrote to, where the service sends the reply from.
        assertThat(browser.find("#lre-composer-from").getText()).isEqualTo("Sends from +1 555 0141 (the default number)");
        simulator.simulateInboundTo(SUPPORT, leadRepository.findById(lead).orElseThrow().mobile(), "Is support open today?");
        new WebDriverWait(browser.driver(), WAIT).until(d -> {
            browser.open(url("/crm/leads/" + lead));
            return browser.find("#lre-composer-from").getText().contains("0142");
        });
        assertThat(browser.find("#lre-composer-from").getText())
                .isEqualTo("Sends from +1 555 0142 (the number the lead wrote to)");
        assertThat(browser.find("#lre-timeline li.lre-msg.in .lre-meta-by").getText())
                .isEqualTo("Lead replied to +1 555 0142");
        long fromSupport = simulator.sentCountFrom(SUPPORT);
        long fromSales = simulator.sentCountFrom(SALES);
        browser.find("#lre-composer-message").sendKeys("Yes, until six. How can we help?");
        browser.screenshot("numbers-06-lead-composer-reply-from");
        browser.click("#lre-composer-send");
        new WebDriverWait(browser.driver(), WAIT).until(d -> "sent".equals(
                d.findElement(By.id("lre-composer-answer")).getAttribute("data-code")));
        new WebDriverWait(browser.driver(), WAIT).until(d -> simulator.sentCountFrom(SUPPORT) == fromSupport + 1);
        assertThat(simulator.sentCountFrom(SALES)).isEqualTo(fromSales);
    }
}
