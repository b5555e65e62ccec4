package io.leadreach.examples.crm.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.examples.browser.Browser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo CRM's pages in a real Chromium: signing in through the form, the lead index (filters,
 * paging, select-all and the bulk-send hook), a lead, its conversion into a customer and the links
 * between the two, a customer who never was a lead, editing a customer, and the navigation of a
 * user without LeadReach permissions. Every page is saved to {@code target/screenshots}, and no
 * page may log an error on the browser's console (a resource refused by the Content-Security-Policy
 * would).
 */
@Tag("browser")
@DemoCrmPagesTest
class CrmPagesBrowserTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @BeforeEach
    void signedOut() {
        browser.open(url("/login"));
        browser.driver().manage().deleteAllCookies();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("errors on the browser's console").isEmpty();
    }

    @Test
    void aDemoUserSignsInThroughTheFormAndSeesTheLeadsAndTheirConsolePages() {
        browser.open(url("/crm/leads")).awaitUrlContains("/login");
        assertThat(browser.find("h1").getText()).isEqualTo("Demo CRM");
        browser.screenshot("01-sign-in");

        browser.submitSignIn("maria", "not her password");
        assertThat(browser.find("#signin-error").getText()).contains("Wrong user name or password");
        browser.screenshot("02-sign-in-wrong-password");

        browser.submitSignIn("maria", DemoCrmPagesTest.PASSWORD);
        browser.awaitUrlContains("/crm/leads");
        assertThat(browser.find("h1").getText()).isEqualTo("Leads");
        assertThat(browser.find("[data-nav-user]").getText()).isEqualTo("maria");
        assertThat(navKeys()).containsExactly("leads", "customers", "campaigns", "analytics", "automation");
        assertThat(browser.find("[data-nav=campaigns]").getAttribute("href")).endsWith("/leads/whatsapp/campaigns");
        assertThat(browser.find("[data-nav=analytics]").getAttribute("href")).endsWith("/leads/whatsapp/analytics");
        assertThat(browser.find("[data-nav=automation]").getAttribute("href"))
                .endsWith("/leads/whatsapp/automation-rules");
        assertThat(rows()).hasSize(LeadPages.PAGE_SIZE);
        assertThat(browser.find(".pager-summary").getText()).isEqualTo("Showing 1–25 of 120 leads");
        browser.screenshot("03-leads");
    }

    @Test
    void theLeadIndexFiltersAndPages() {
        signInAs("admin");
        new Select(browser.find("#filter-status")).selectByValue("qualified");
        new Select(browser.find("#filter-priority")).selectByValue("medium");
        browser.click("#crm-apply-filters").awaitUrlContains("status=qualified");
        assertThat(browser.url()).contains("priority=medium");
        List<WebElement> rows = rows();
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector(".badge")).getText()).isEqualToIgnoringCase("qualified");
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector(".priority")).getText()).isEqualToIgnoringCase("medium");
        });
        assertThat(new Select(browser.find("#filter-status")).getFirstSelectedOption().getText()).isEqualToIgnoringCase("qualified");
        assertThat(browser.find(".subtitle").getText()).endsWith("leads match the filters");
        browser.screenshot("04-leads-filtered");

        browser.click("#crm-clear-filters").awaitUrlContains("/crm/leads");
        assertThat(browser.url()).doesNotContain("status=");
        browser.click("[data-page=next]").awaitUrlContains("page=1");
        assertThat(browser.find(".pager-summary").getText()).isEqualTo("Showing 26–50 of 120 leads");
        assertThat(rows().get(0).getText()).contains("L-2026-0026");
        assertThat(browser.find(".page-link.current").getText()).isEqualTo("2");
        browser.screenshot("05-leads-page-2");
        browser.click("[data-page=previous]");
        assertThat(browser.find(".page-link.current").getText()).isEqualTo("1");
    }

    @Test
    void selectAllChecksTheLeadsOfThePageForTheBulkSend() {
        signInAs("maria");
        WebElement send = browser.find("[data-leadreach-bulk-send]");
        assertThat(send.getText()).isEqualTo("Send WhatsApp");
        assertThat(send.getAttribute("data-leadreach-bulk-send")).isEqualTo("#crm-lead-selection");
        assertThat(send.isEnabled()).isFalse();
        assertThat(browser.findAll("#leadreach-bulk-send")).hasSize(1);
        assertThat(browser.find("#crm-selection-count").getText()).isEqualTo("No leads selected");

        browser.click("#crm-select-all");
        List<WebElement> boxes = browser.findAll("#crm-lead-selection input[name=lead_ids]");
        assertThat(boxes).hasSize(LeadPages.PAGE_SIZE).allMatch(WebElement::isSelected);
        assertThat(browser.find("#crm-selection-count").getText()).isEqualTo("25 leads selected");
        assertThat(send.isEnabled()).isTrue();
        browser.screenshot("06-leads-all-selected");

        boxes.get(0).click();
        assertThat(browser.find("#crm-selection-count").getText()).isEqualTo("24 leads selected");
        assertThat(browser.find("#crm-select-all").isSelected()).isFalse();
        assertThat(browser.find("#crm-select-all").getDomProperty("indeterminate")).isEqualTo("true");
        // What the starter's dialog will read: the checked lead_ids of the form the button names.
        Object ids = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "var f = document.querySelector(arguments[0].getAttribute('data-leadreach-bulk-send'));"
                        + "return new FormData(f).getAll('lead_ids').length;", send);
        assertThat(ids).isEqualTo(24L);

        browser.click("#crm-select-all");
        assertThat(browser.findAll("#crm-lead-selection input[name=lead_ids]")).allMatch(WebElement::isSelected);
        browser.click("#crm-select-all");
        assertThat(browser.findAll("#crm-lead-selection input[name=lead_ids]")).noneMatch(WebElement::isSelected);
        assertThat(send.isEnabled()).isFalse();
    }

    @Test
    void aConvertedLeadAndItsCustomerLinkToEachOther() {
        signInAs("maria");
        browser.open(url("/crm/leads?status=new"));
        WebElement first = browser.find("#crm-leads tbody tr a");
        String leadNumber = first.getText();
        first.click();
        browser.awaitUrlContains("/crm/leads/");
        String leadUrl = browser.url();
        assertThat(browser.find("#crm-lead-number").getText()).isEqualTo(leadNumber);
        assertThat(browser.find("#crm-lead-status").getText()).isEqualToIgnoringCase("new");
        WebElement tab = browser.find("#leadreach-lead-tab");
        assertThat(tab.getAttribute("data-lead-id")).isEqualTo(leadUrl.substring(leadUrl.lastIndexOf('/') + 1));
        assertThat(browser.findAll("#crm-view-customer")).isEmpty();
        browser.screenshot("07-lead");

        browser.click("#crm-convert").awaitUrlContains("/crm/customers/");
        String customerUrl = browser.url();
        assertThat(browser.find(".notice").getText()).isEqualTo("Converted into a customer.");
        assertThat(browser.find("#crm-view-original-lead").getText()).isEqualTo("View Original Lead");
        assertThat(browser.find("#crm-conversion").getText()).contains("Converted from Lead:", "Converted on:");
        assertThat(browser.find("#crm-converted-from").getText()).isEqualTo(leadNumber);
        assertThat(browser.find("#crm-converted-on").getText()).isEqualTo(DAY.format(LocalDate.now(ZoneOffset.UTC)));
        browser.screenshot("08-customer-converted");

        browser.click("#crm-view-original-lead").awaitUrlContains("/crm/leads/");
        assertThat(browser.url()).isEqualTo(leadUrl);
        assertThat(browser.find("#crm-lead-status").getText()).isEqualToIgnoringCase("converted");
        assertThat(browser.findAll("#crm-convert")).isEmpty();
        assertThat(browser.find("#crm-lead-conversion").getText()).contains("This lead became the customer");
        browser.screenshot("09-lead-converted");

        browser.click("#crm-view-customer").awaitUrlContains("/crm/customers/");
        assertThat(browser.url()).isEqualTo(customerUrl);
        browser.click("#crm-lead-history").awaitUrlContains("#history");
        assertThat(browser.url()).isEqualTo(leadUrl + "#history");
        browser.click("#crm-customer-link").awaitUrlContains("/crm/customers/");
        assertThat(browser.url()).isEqualTo(customerUrl);
    }

    @Test
    void aCustomerWhoNeverWasALeadShowsNoConversion() {
        signInAs("sam");
        browser.click("[data-nav=customers]").awaitUrlContains("/crm/customers");
        assertThat(browser.find("h1").getText()).isEqualTo("Customers");
        assertThat(browser.find("#crm-customers").getText()).contains("Direct customer", "Lead L-2026-");
        browser.screenshot("10-customers");

        WebElement direct = browser.findAll("#crm-customers tbody tr").stream()
                .filter(r -> r.getText().contains("Direct customer")).findFirst().orElseThrow();
        direct.findElement(org.openqa.selenium.By.cssSelector("td a")).click();
        browser.awaitUrlContains("/crm/customers/");
        assertThat(browser.find("h2").getText()).isEqualTo("Edit customer");
        assertThat(browser.findAll("#crm-view-original-lead")).isEmpty();
        assertThat(browser.findAll("#crm-conversion")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("Converted from Lead", "View Full Lead History");
        browser.screenshot("11-customer-never-a-lead");
    }

    @Test
    void editingACustomerShowsWhatIsWrongAndSaves() {
        signInAs("sam");
        browser.click("[data-nav=customers]").awaitUrlContains("/crm/customers");
        browser.findAll("#crm-customers tbody tr").stream().filter(r -> r.getText().contains("Lead L-2026-"))
                .findFirst().orElseThrow().findElement(org.openqa.selenium.By.cssSelector("td a")).click();
        browser.awaitUrlContains("/crm/customers/");
        String name = browser.find("#name").getDomProperty("value");

        browser.find("#name").clear();
        WebElement mobile = browser.find("#mobile");
        mobile.clear();
        mobile.sendKeys("555 12");
        browser.click("#crm-save-customer");
        assertThat(browser.find("#name-error").getText()).isEqualTo("Enter the customer's name.");
        assertThat(browser.find("#mobile-error").getText()).startsWith("Enter a valid mobile number");
        assertThat(browser.find("#crm-view-original-lead").isDisplayed()).isTrue();
        browser.screenshot("12-customer-invalid");

        browser.find("#name").sendKeys(name + " Jr.");
        browser.find("#mobile").clear();
        browser.find("#mobile").sendKeys("+1 303 555 0177");
        browser.click("#crm-save-customer");
        assertThat(browser.find(".notice").getText()).isEqualTo("Customer saved.");
        assertThat(browser.find("#crm-customer-name").getText()).isEqualTo(name + " Jr.");
        assertThat(browser.find("#mobile").getDomProperty("value")).isEqualTo("+1 303-555-0177");
        browser.screenshot("13-customer-saved");
    }

    @Test
    void aUserWithoutPermissionsSeesNoConsoleLinksAndSignsOut() {
        signInAs("lee");
        assertThat(navKeys()).containsExactly("leads", "customers");
        assertThat(browser.findAll(".mainnav .console")).isEmpty();
        assertThat(browser.findAll(".nav-group")).isEmpty();
        assertThat(browser.findAll("[data-leadreach-bulk-send]")).isEmpty();
        browser.screenshot("14-leads-without-permissions");

        browser.click("[data-nav=sign-out]").awaitUrlContains("/login?logout");
        assertThat(browser.find("#signin-logout").getText()).isEqualTo("You have signed out.");
        browser.screenshot("15-signed-out");
        browser.open(url("/crm/leads")).awaitUrlContains("/login");
    }

    @Test
    void aTemplateManagerSeesTheTemplatesLink() {
        signInAs("tom");
        assertThat(navKeys()).containsExactly("leads", "customers", "campaigns", "templates", "automation");
        assertThat(browser.find("[data-nav=templates]").getAttribute("href")).endsWith("/leads/whatsapp/templates");
    }

    private void signInAs(String user) {
        browser.open(url("/login")).submitSignIn(user, DemoCrmPagesTest.PASSWORD).awaitUrlContains("/crm/leads");
    }

    private List<String> navKeys() {
        return browser.findAll(".mainnav a").stream().map(a -> a.getAttribute("data-nav")).toList();
    }

    private List<WebElement> rows() {
        return browser.findAll("#crm-leads tbody tr[data-lead-id]");
    }
}
