package io.leadreach.examples.crm.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.examples.crm.Customer;
import io.leadreach.examples.crm.CustomerRepository;
import io.leadreach.examples.crm.DemoCrmSecurity;
import io.leadreach.examples.crm.Lead;
import io.leadreach.examples.crm.LeadRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The security of the CRM's pages over HTTP (MockMvc): browsers without a session are sent to the
 * sign-in page and API clients get a Basic challenge; the form login's session is accepted by
 * LeadReach's own chain while Basic stays stateless; every POST of a page needs its CSRF token;
 * the pages carry a strict Content-Security-Policy; and the navigation shows a user the console
 * pages of their permissions only.
 */
@DemoCrmPagesTest
class CrmPagesSecurityTest {

    private static final String PASSWORD = DemoCrmPagesTest.PASSWORD;

    @Autowired
    MockMvc mvc;
    @Autowired
    LeadRepository leads;
    @Autowired
    CustomerRepository customers;

    @Test
    void anonymousBrowsersAreSentToTheSignInPage() throws Exception {
        for (String page : new String[] {"/crm/leads", "/crm/leads/1", "/crm/customers", "/crm/customers/1"}) {
            mvc.perform(get(page).accept(MediaType.TEXT_HTML))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl(DemoCrmSecurity.LOGIN));
        }
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/crm/leads"));
    }

    @Test
    void anonymousApiClientsGetABasicChallengeAndNoSession() throws Exception {
        MvcResult result = mvc.perform(get("/crm/leads").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
                .andReturn();
        assertThat(result.getRequest().getSession(false)).isNull();
    }

    @Test
    void theSignInPageIsOpenUnderAStrictContentSecurityPolicyAndShowsNoPassword() throws Exception {
        String html = mvc.perform(get("/login").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", DemoCrmSecurity.CONTENT_SECURITY_POLICY))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<form method=\"post\" action=\"/login\"", "name=\"_csrf\"", "name=\"username\"",
                        "name=\"password\"", "/assets/crm.css", "/assets/crm.js", "maria", "lee")
                .doesNotContain(PASSWORD, "<style", "style=\"", "onclick", "<script>");
    }

    @Test
    void signingInNeedsTheCsrfTokenAndTheRightPassword() throws Exception {
        mvc.perform(post("/login").param("username", "maria").param("password", PASSWORD))
                .andExpect(status().isForbidden());
        mvc.perform(formLogin("/login").user("maria").password("wrong"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user("maria").password(PASSWORD))
                .andExpect(status().isFound()).andExpect(redirectedUrl(DemoCrmSecurity.HOME));
    }

    @Test
    void theSessionOfTheSignInPageIsAcceptedByLeadReachsRoutesWithTheUsersPermissions() throws Exception {
        MockHttpSession maria = signIn("maria");
        mvc.perform(get("/leads/whatsapp/campaigns").session(maria).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk());
        mvc.perform(get("/leads/whatsapp/templates").session(maria).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden()); // maria may not manage templates
        MockHttpSession lee = signIn("lee");
        mvc.perform(get("/leads/whatsapp/campaigns").session(lee).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden());
        // A POST to LeadReach from the session needs the session's CSRF token, as the CRM's own do.
        String campaign = "{\"name\":\"From the session\",\"body\":\"Hi {first_name}\",\"target\":{\"statuses\":[\"new\"]}}";
        mvc.perform(post("/leads/whatsapp/campaigns").session(maria).contentType(MediaType.APPLICATION_JSON)
                .content(campaign)).andExpect(status().isForbidden());
        mvc.perform(post("/leads/whatsapp/campaigns").session(maria).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(campaign)).andExpect(status().isCreated());
    }

    @Test
    void httpBasicStaysStatelessOnBothChains() throws Exception {
        MvcResult api = mvc.perform(get("/leads/whatsapp/campaigns").with(httpBasic("maria", PASSWORD)))
                .andExpect(status().isOk()).andReturn();
        assertThat(api.getRequest().getSession(false)).isNull();
        assertThat(api.getResponse().getHeader("Set-Cookie")).isNull();
        MvcResult crm = mvc.perform(get("/crm/leads").with(httpBasic("sam", PASSWORD)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$[0].leadNumber").value("L-2026-0001")).andReturn();
        assertThat(crm.getRequest().getSession(false)).isNull();
    }

    @Test
    void theJsonRoutesAndThePagesShareTheirPaths() throws Exception {
        mvc.perform(get("/crm/leads").with(httpBasic("sam", PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get("/crm/leads").session(signIn("sam")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(header().string("Content-Security-Policy", DemoCrmSecurity.CONTENT_SECURITY_POLICY));
    }

    @Test
    void convertingALeadFromItsPageNeedsTheCsrfToken() throws Exception {
        MockHttpSession maria = signIn("maria");
        long id = aLeadOf("proposal").id();
        mvc.perform(post("/crm/leads/{id}/convert", id).session(maria).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        assertThat(customers.findByOriginalLeadId(id)).isEmpty();
        MvcResult converted = mvc.perform(post("/crm/leads/{id}/convert", id).session(maria).with(csrf())
                .accept(MediaType.TEXT_HTML)).andExpect(status().isFound()).andReturn();
        Customer customer = customers.findByOriginalLeadId(id).orElseThrow();
        assertThat(converted.getResponse().getRedirectedUrl()).isEqualTo("/crm/customers/" + customer.id());
        // Again: already a customer, so to that customer.
        mvc.perform(post("/crm/leads/{id}/convert", id).session(maria).with(csrf()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/crm/customers/" + customer.id()));
    }

    @Test
    void anApiClientPostsWithoutATokenUnlessTheBrowserSaysTheRequestIsCrossSite() throws Exception {
        long id = aLeadOf("negotiation").id();
        mvc.perform(post("/crm/leads/{id}/convert", id).with(httpBasic("maria", PASSWORD))
                .header("Sec-Fetch-Site", "cross-site").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isForbidden());
        mvc.perform(post("/crm/leads/{id}/convert", id).with(httpBasic("maria", PASSWORD))
                .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$.originalLeadId").value(id));
    }

    @Test
    void savingACustomerNeedsTheCsrfTokenAndValidInput() throws Exception {
        MockHttpSession sam = signIn("sam");
        Customer customer = customers.findAll().stream().filter(c -> c.originalLead() == null).findFirst().orElseThrow();
        mvc.perform(post("/crm/customers/{id}", customer.id()).session(sam).accept(MediaType.TEXT_HTML)
                .param("name", "Renamed").param("mobile", "+1 617 555 0150")).andExpect(status().isForbidden());

        String errors = mvc.perform(post("/crm/customers/{id}", customer.id()).session(sam).with(csrf())
                        .accept(MediaType.TEXT_HTML).param("name", " ").param("mobile", "12345"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(errors).contains("Enter the customer&#39;s name.", "Enter a valid mobile number");
        assertThat(customers.findById(customer.id()).orElseThrow().name()).isEqualTo(customer.name());

        mvc.perform(post("/crm/customers/{id}", customer.id()).session(sam).with(csrf()).accept(MediaType.TEXT_HTML)
                        .param("name", "  Beatrix Hollowell-Marsh ").param("mobile", "+1 (617) 555-0150"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/crm/customers/" + customer.id()));
        Customer saved = customers.findById(customer.id()).orElseThrow();
        assertThat(saved.name()).isEqualTo("Beatrix Hollowell-Marsh");
        assertThat(saved.mobile()).isEqualTo("+16175550150");
    }

    @Test
    void signingOutNeedsTheTokenAndEndsTheSessionForBothChains() throws Exception {
        MockHttpSession vic = signIn("vic");
        mvc.perform(post("/logout").session(vic).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(vic).with(csrf()).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?logout"));
        assertThat(vic.isInvalid()).isTrue();
    }

    @Test
    void theNavigationShowsTheConsolePagesOfTheUsersPermissionsOnly() throws Exception {
        assertThat(leadIndex("admin")).contains("data-nav=\"campaigns\"", "data-nav=\"analytics\"",
                "data-nav=\"templates\"", "data-nav=\"automation\"", "data-leadreach-bulk-send=\"#crm-lead-selection\"");
        assertThat(leadIndex("tom")).contains("data-nav=\"campaigns\"", "data-nav=\"templates\"",
                "data-nav=\"automation\"").doesNotContain("data-nav=\"analytics\"", "data-leadreach-bulk-send");
        assertThat(leadIndex("vic")).contains("data-nav=\"campaigns\"", "data-nav=\"analytics\"")
                .doesNotContain("data-nav=\"templates\"");
        assertThat(leadIndex("lee")).contains("data-nav=\"leads\"", "data-nav=\"customers\"", ">lee<")
                .doesNotContain("data-nav=\"campaigns\"", "data-nav=\"analytics\"", "data-nav=\"templates\"",
                        "data-nav=\"automation\"", "/leads/whatsapp/", "data-leadreach-bulk-send");
    }

    private String leadIndex(String user) throws Exception {
        return mvc.perform(get("/crm/leads").session(signIn(user)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private MockHttpSession signIn(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(user).password(PASSWORD))
                .andExpect(status().isFound()).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private Lead aLeadOf(String status) {
        return leads.findByStatusOrderById(status, PageRequest.of(0, 50)).stream()
                .filter(l -> customers.findByOriginalLeadId(l.id()).isEmpty()).findFirst().orElseThrow();
    }
}
