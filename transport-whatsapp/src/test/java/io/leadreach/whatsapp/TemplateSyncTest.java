package io.leadreach.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadreach.ValidationException;
import io.leadreach.template.ProviderTemplate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listing templates: paging, mapping onto {@link ProviderTemplate}, loops and errors. */
class TemplateSyncTest {

    static final String PATH = "/v23.0/9876543210/message_templates";
    static WireMockServer wm;
    CloudApiTransport transport;

    @BeforeAll
    static void startWireMock() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        transport = CloudApiTransport.create(CloudApiTransportPayloadTest.config(wm.baseUrl()).build());
    }

    @AfterEach
    void tearDown() {
        transport.close();
    }

    static final String PAGE_1 = """
            {"data":[
              {"name":"spring_offer","parameter_format":"POSITIONAL","components":[
                 {"type":"HEADER","format":"IMAGE","example":{"header_handle":["https://example.invalid/h"]}},
                 {"type":"BODY","text":"Hi {{1}}, enjoy {{2}} off until {{3}}. {{1}}, see you!",
                  "example":{"body_text":[["Alex","20%","Friday"]]}},
                 {"type":"FOOTER","text":"Reply STOP to opt out"},
                 {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Stop promotions"}]}],
               "language":"en_US","status":"APPROVED","category":"MARKETING","id":"1001"},
              {"name":"order_update","parameter_format":"NAMED","components":[
                 {"type":"HEADER","format":"TEXT","text":"Order news"},
                 {"type":"BODY","text":"Hello {{first_name}}, order {{order_id}} ships {{ first_name }}.",
                  "example":{"body_text_named_params":[{"param_name":"first_name","example":"Alex"}]}}],
               "language":"de","status":"PENDING","category":"UTILITY","id":"1002"}],
             "paging":{"cursors":{"before":"QVFIUmx","after":"QVFIUnB"},
                       "next":"https://graph.facebook.com/v23.0/9876543210/message_templates?after=QVFIUnB"}}""";

    static final String PAGE_2 = """
            {"data":[
              {"name":"hello_world","components":[{"type":"BODY","text":"Hello World"}],
               "language":"en_US","status":"APPROVED","category":"UTILITY","id":"1003","quality_score":{"score":"GREEN"}},
              {"name":"broken_entry","components":[]}],
             "paging":{"cursors":{"before":"QVFIUnB","after":"QVFIUnC"}}}""";

    @Test
    void followsCursorsUntilThereIsNoNextPageAndMapsEachTemplate() {
        wm.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody(PAGE_1)));
        wm.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo("QVFIUnB"))
                .willReturn(aResponse().withStatus(200).withBody(PAGE_2)));

        List<ProviderTemplate> templates = transport.templateSync().fetchAll();

        assertThat(templates).extracting(ProviderTemplate::name)
                .containsExactly("spring_offer", "order_update", "hello_world");
        ProviderTemplate offer = templates.get(0);
        assertThat(offer.language()).isEqualTo("en_US");
        assertThat(offer.category()).isEqualTo("MARKETING");
        assertThat(offer.isApproved()).isTrue();
        assertThat(offer.bodyParameterCount()).isEqualTo(3);
        assertThat(offer.bodyParameterNames()).isEmpty();
        assertThat(offer.headerFormat()).isEqualTo("IMAGE");
        assertThat(offer.body()).startsWith("Hi {{1}}");
        ProviderTemplate order = templates.get(1);
        assertThat(order.bodyParameterCount()).isEqualTo(2);
        assertThat(order.bodyParameterNames()).containsExactly("first_name", "order_id");
        assertThat(order.headerFormat()).isEqualTo("TEXT");
        assertThat(order.isApproved()).isFalse();
        assertThat(templates.get(2).bodyParameterCount()).isZero();
        assertThat(templates.get(2).headerFormat()).isNull();
        wm.verify(2, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("fields", equalTo("name,status,category,language,components"))
                .withHeader("Authorization", equalTo("Bearer test-token-123")));
    }

    @Test
    void takesTheCursorFromTheNextLinkWhenCursorsAreMissingButNeverCallsThatHost() {
        wm.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", absent()).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[],\"paging\":{\"next\":\"https://elsewhere.invalid/x?limit=2&after=C2\"}}")));
        wm.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("after", equalTo("C2")).willReturn(aResponse()
                .withStatus(200).withBody(PAGE_2)));

        assertThat(transport.templateSync().fetchAll()).extracting(ProviderTemplate::name).containsExactly("hello_world");
    }

    @Test
    void aPageRepeatingACursorStopsWithAClearError() {
        String looping = "{\"data\":[{\"name\":\"a\",\"language\":\"en\",\"status\":\"APPROVED\"}],"
                + "\"paging\":{\"cursors\":{\"after\":\"SAME\"},\"next\":\"https://graph.facebook.com/next\"}}";
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(looping)));

        assertThatThrownBy(() -> transport.templateSync().fetchAll())
                .isInstanceOf(TemplateSyncException.class)
                .hasMessageContaining("loop").hasMessageContaining("page 2");
        wm.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anApiErrorCarriesItsCode() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(401).withBody(
                "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190}}")));

        assertThatThrownBy(() -> transport.templateSync().fetchAll())
                .isInstanceOfSatisfying(TemplateSyncException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("190");
                    assertThat(e).hasMessageContaining("Error validating access token");
                });
    }

    @Test
    void aPageThatIsNotJsonFails() {
        wm.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("<html></html>")));

        assertThatThrownBy(() -> transport.templateSync().fetchAll())
                .isInstanceOf(TemplateSyncException.class).hasMessageContaining("not JSON");
    }

    @Test
    void withoutAWabaIdThereIsNoTemplateSync() {
        try (CloudApiTransport noWaba = CloudApiTransport.create(CloudApiTransportPayloadTest.config(wm.baseUrl())
                .wabaId(null).build())) {
            assertThatThrownBy(noWaba::templateSync).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.errors()).extracting(ValidationException.FieldError::field).containsExactly("wabaId"));
        }
    }
}
