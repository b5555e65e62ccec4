package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.attachment.TestFiles;
import io.leadreach.security.Permission;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

class SendApiTest extends ApiTestSupport {

    private static final String SEND = "/leads/{lead}/whatsapp/send";
    private static final String BULK = "/leads/whatsapp/bulk-send";

    private MockMultipartHttpServletRequestBuilder send(long lead) {
        return multipart(SEND, lead);
    }

    @Test
    void singleSendRendersAndSendsOnce() throws Exception {
        int before = transport.count();
        mvc.perform(send(3).param("message", "Hello {name}").with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leadId").value(3))
                .andExpect(jsonPath("$.status").value("SENT"))
                .andExpect(jsonPath("$.providerMessageId").isNotEmpty());
        assertThat(transport.count()).isEqualTo(before + 1);
        assertThat(transport.messages().get(before).to()).isEqualTo("+12015550103");
    }

    @Test
    void singleSendWithAPdfAttachment() throws Exception {
        int before = transport.count();
        mvc.perform(send(4).file(new MockMultipartFile("attachment", "quote.pdf", "application/pdf", TestFiles.pdf()))
                        .param("message", "Your quote").with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SENT"));
        assertThat(transport.count()).isEqualTo(before + 1);
    }

    @Test
    void missingMessageIsRefusedNamingTheField() throws Exception {
        assertNothingSent(() -> mvc.perform(send(1).with(as(Permission.SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("message"))
                .andExpect(jsonPath("$.errors[0].code").value("blank")));
    }

    @Test
    void messageOf4097CharactersIsTooLong() throws Exception {
        assertNothingSent(() -> mvc.perform(send(1).param("message", "x".repeat(4097)).with(as(Permission.SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("message"))
                .andExpect(jsonPath("$.errors[0].code").value("too_long")));
    }

    @Test
    void attachmentOf6MegabytesIsRefusedAs413() throws Exception {
        MockMultipartFile big = new MockMultipartFile("attachment", "big.pdf", "application/pdf",
                TestFiles.pdfOfSize(6 * 1024 * 1024));
        assertNothingSent(() -> mvc.perform(send(1).file(big).param("message", "hi").with(as(Permission.SEND)))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.errors[0].field").value("attachment"))
                .andExpect(jsonPath("$.errors[0].code").value("too_large")));
    }

    @Test
    void executableRenamedPdfIsRefusedByItsBytes() throws Exception {
        MockMultipartFile exe = new MockMultipartFile("attachment", "invoice.pdf", "application/pdf",
                TestFiles.windowsExecutable());
        assertNothingSent(() -> mvc.perform(send(1).file(exe).param("message", "hi").with(as(Permission.SEND)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("attachment"))
                .andExpect(jsonPath("$.errors[0].code").value("type_not_allowed")));
    }

    @Test
    void unknownLeadIs404() throws Exception {
        assertNothingSent(() -> mvc.perform(send(999).param("message", "hi").with(as(Permission.SEND)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kind").value("lead"))
                .andExpect(jsonPath("$.id").value("999")));
    }

    @Test
    void nonNumericLeadIs400() throws Exception {
        assertNothingSent(() -> mvc.perform(multipart("/leads/abc/whatsapp/send").param("message", "hi")
                        .with(as(Permission.SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }

    @Test
    void jsonBodyIsTheWrongContentType() throws Exception {
        assertNothingSent(() -> mvc.perform(post(SEND, 1).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"message\":\"hi\"}").with(as(Permission.SEND)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }

    @Test
    void quietHoursAnswer429WithRetryAfter() throws Exception {
        clock.set(Instant.parse("2026-03-02T23:00:00Z"));
        assertNothingSent(() -> mvc.perform(send(5).param("message", "late").with(as(Permission.SEND)))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.retryAfterSeconds").isNumber()));
    }

    @Test
    void withoutThePermissionNothingIsSent() throws Exception {
        assertNothingSent(() -> mvc.perform(send(1).param("message", "hi").with(as(Permission.BULK_SEND)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }

    @Test
    void bulkSendToAFewLeadsAnswersPerLead() throws Exception {
        int before = transport.count();
        mvc.perform(multipart(BULK).param("lead_ids[]", "6", "7", "7").param("message", "Hi {name}")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results", hasSize(2)))
                .andExpect(jsonPath("$.accepted").value(2));
        assertThat(transport.count()).isEqualTo(before + 2);
    }

    @Test
    void aBulkSendRefusedByQuietHoursSaysSoInItsSummary() throws Exception {
        clock.set(java.time.Instant.parse("2026-03-02T23:00:00Z")); // the leads' quiet hours (UTC)
        assertNothingSent(() -> mvc.perform(multipart(BULK).param("lead_ids[]", "8", "9").param("message", "Hi")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.failed").value(2))
                .andExpect(jsonPath("$.throttled").value(2))
                .andExpect(jsonPath("$.results[0].errorCode").value("throttled"))
                .andExpect(jsonPath("$.summary").value(containsString("2 of them refused by pacing"))));
    }

    @Test
    void bulkSendBeyondTheSyncLimitBecomesAJob() throws Exception {
        String[] ids = IntStream.rangeClosed(11, 22).mapToObj(String::valueOf).toArray(String[]::new);
        String body = mvc.perform(multipart(BULK).param("lead_ids[]", ids).param("message", "Hi {name}")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", containsString("/leads/whatsapp/jobs/")))
                .andExpect(jsonPath("$.jobId").isNumber())
                .andReturn().getResponse().getContentAsString();
        long jobId = Long.parseLong(body.replaceAll(".*\"jobId\":(\\d+).*", "$1"));
        mvc.perform(get("/leads/whatsapp/jobs/{id}", jobId).with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jobId").value(jobId))
                .andExpect(jsonPath("$.total").value(12));
        mvc.perform(post("/leads/whatsapp/jobs/{id}/cancel", jobId).with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.jobId").value(jobId))
                .andExpect(jsonPath("$.state").value("CANCELLED"));
        MvcResult stream = mvc.perform(get("/leads/whatsapp/jobs/{id}/stream", jobId).with(as(Permission.BULK_SEND)))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(stream))
                .andExpect(content().string(containsString("event:progress")))
                .andExpect(content().string(containsString("\"finished\":true")));
    }

    @Test
    void bulkSendWithoutLeadsIsRefused() throws Exception {
        assertNothingSent(() -> mvc.perform(multipart(BULK).param("message", "hi").with(as(Permission.BULK_SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("leadIds"))
                .andExpect(jsonPath("$.errors[0].code").value("empty")));
    }

    @Test
    void bulkSendWithUnknownLeadsRefusesTheWholeRequest() throws Exception {
        assertNothingSent(() -> mvc.perform(multipart(BULK).param("lead_ids[]", "1", "998").param("message", "hi")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("unknown_lead")));
    }

    @Test
    void bulkSendToTooManyLeadsIsRefused() throws Exception {
        String[] ids = IntStream.rangeClosed(1, 21).mapToObj(String::valueOf).toArray(String[]::new);
        assertNothingSent(() -> mvc.perform(multipart(BULK).param("lead_ids[]", ids).param("message", "hi")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("too_many")));
    }

    @Test
    void bulkSendWithANonNumericIdIsRefused() throws Exception {
        assertNothingSent(() -> mvc.perform(multipart(BULK).param("lead_ids[]", "1", "two").param("message", "hi")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("leadIds[1]"))
                .andExpect(jsonPath("$.errors[0].code").value("not_a_number")));
    }

    @Test
    void bulkSendAsJsonIsTheWrongContentType() throws Exception {
        assertNothingSent(() -> mvc.perform(post(BULK).contentType(MediaType.APPLICATION_JSON).content("{}")
                        .with(as(Permission.BULK_SEND)))
                .andExpect(status().isUnsupportedMediaType()));
    }

    @Test
    void unknownJobIs404() throws Exception {
        mvc.perform(get("/leads/whatsapp/jobs/{id}", 987654).with(as(Permission.BULK_SEND)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kind").value("job"));
    }

    private interface Call {
        void run() throws Exception;
    }

    private void assertNothingSent(Call call) throws Exception {
        int before = transport.count();
        call.run();
        assertThat(transport.count()).as("sends").isEqualTo(before);
    }
}
