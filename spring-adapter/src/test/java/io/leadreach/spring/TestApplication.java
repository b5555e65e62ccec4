package io.leadreach.spring;

import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A host application for the web tests: 30 leads, a recording transport, a clock at Monday noon UTC. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

    /** Monday 2 March 2026, noon UTC: outside quiet hours. */
    static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    /** How many leads the directory holds (ids 1 to LEADS). */
    static final int LEADS = 30;

    @Bean
    RecordingTransport recordingTransport() {
        return new RecordingTransport();
    }

    @Bean
    MutableClock clock() {
        return new MutableClock(NOON);
    }

    @Bean
    InMemoryLeadDirectory crmLeads() {
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (long i = 1; i <= LEADS; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", 100 + i))
                    .status(i % 2 == 0 ? "qualified" : "new").source("web").timeZone(ZoneOffset.UTC)
                    .createdAt(NOON.minusSeconds(86_400)).build());
        }
        return leads;
    }
}
