package io.leadreach.spring;

import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.SenderRoutingTransport;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One shared application context for the tests of several sender numbers: three numbers (the
 * first the default, at the engine's rate; the second at 250 a second; the third, without a
 * display number, at 600 a minute), each with its own recording transport behind a
 * {@link SenderRoutingTransport}, and the same 30 leads as {@link TestApplication}.
 */
@SpringBootTest(classes = SeveralNumbersTestSupport.App.class, properties = {
        "leadreach.sending.lead-pacing=0s",
        "leadreach.sending.enforce-service-window=false",
        "leadreach.attachments.directory=target/test-attachments",
        "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
abstract class SeveralNumbersTestSupport {

    static final String A = "100000000000031";
    static final String B = "100000000000032";
    static final String C = "100000000000033";
    static final String A_DISPLAY = "+1 555 0131";
    static final String B_DISPLAY = "+1 555 0132";

    @Autowired
    MockMvc mvc;

    /** The host: three numbers, a transport each, leads 1 to 30. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SenderNumbers senderNumbers() {
            return SenderNumbers.of(List.of(
                    new SenderNumber(A, "102290129340398", A_DISPLAY, null, null),
                    new SenderNumber(B, "102290129340398", B_DISPLAY, RateLimit.perSecond(250), null),
                    SenderNumber.of(C).withRate(RateLimit.perMinute(600))));
        }

        @Bean
        SenderRoutingTransport transport() {
            return SenderRoutingTransport.of(List.of(new RecordingTransport(A), new RecordingTransport(B),
                    new RecordingTransport(C)));
        }

        @Bean
        MutableClock clock() {
            return new MutableClock(TestApplication.NOON);
        }

        @Bean
        InMemoryLeadDirectory crmLeads() {
            InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
            for (long i = 1; i <= TestApplication.LEADS; i++) {
                leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", 100 + i))
                        .status("new").source("web").timeZone(ZoneOffset.UTC)
                        .createdAt(TestApplication.NOON.minusSeconds(86_400)).build());
            }
            return leads;
        }
    }
}
