package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.LeadReach;
import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.attachment.ClamdConfig;
import io.leadreach.attachment.ClamdVirusScanner;
import io.leadreach.attachment.ScanResult;
import io.leadreach.attachment.TestFiles;
import io.leadreach.attachment.VirusScanException;
import io.leadreach.attachment.VirusScanner;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code leadreach.attachments.clamd.*}: the scanner bean, its settings, the mode, and the refusals at start-up. */
class ClamdPropertiesTest {

    private static final Actor SENDER = Actor.of("maria", Permission.SEND);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachAutoConfiguration.class))
            .withUserConfiguration(RecordingTransportConfig.class, NoonClockConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments",
                    "leadreach.sending.enforce-service-window=false", "leadreach.sending.lead-pacing=0s");

    @Test
    void offByDefault() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(VirusScanner.class));
    }

    @Test
    void enabledOverTcpWithTheDefaultsOrTheGivenHostPortAndTimeout() {
        runner.withPropertyValues("leadreach.attachments.clamd.enabled=true").run(context ->
                assertThat(context.getBean(ClamdVirusScanner.class).config()).isEqualTo(ClamdConfig.ofDefaults()));
        runner.withPropertyValues("leadreach.attachments.clamd.enabled=true", "leadreach.attachments.clamd.host=clamav",
                "leadreach.attachments.clamd.port=3311", "leadreach.attachments.clamd.timeout=4s").run(context ->
                assertThat(context.getBean(ClamdVirusScanner.class).config()).isEqualTo(
                        ClamdConfig.custom().host("clamav").port(3311).timeout(Duration.ofSeconds(4)).build()));
    }

    @Test
    void enabledOverASocket() {
        runner.withPropertyValues("leadreach.attachments.clamd.enabled=true",
                "leadreach.attachments.clamd.socket=run/clamd.ctl").run(context ->
                assertThat(context.getBean(ClamdVirusScanner.class).config().socket()).contains(Path.of("run/clamd.ctl")));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostScanner {
        @Bean
        VirusScanner hostScanner() {
            return bytes -> ScanResult.clean();
        }
    }

    @Test
    void aHostsScannerTakesThePlaceOfClamd() {
        runner.withUserConfiguration(HostScanner.class).withPropertyValues("leadreach.attachments.clamd.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(VirusScanner.class)
                        .doesNotHaveBean(ClamdVirusScanner.class));
    }

    @Test
    void theModeDecidesWhetherAFileClamdCouldNotScanIsSent(@TempDir Path dir) {
        String[] downClamd = {"leadreach.attachments.clamd.enabled=true",
            "leadreach.attachments.clamd.socket=" + dir.resolve("nobody-listens.sock")};
        runner.withPropertyValues(downClamd).run(context -> {
            LeadReach leadReach = withLead(context.getBean(LeadReach.class));
            assertThatThrownBy(() -> leadReach.service().sendSingleMessage(SENDER, 1, "quote",
                    new AttachmentUpload("quote.pdf", TestFiles.pdf())))
                    .isInstanceOfSatisfying(VirusScanException.class,
                            e -> assertThat(e.reason()).isEqualTo(VirusScanException.Reason.UNAVAILABLE));
        });
        runner.withPropertyValues(downClamd).withPropertyValues("leadreach.attachments.clamd.mode=best-effort")
                .run(context -> {
                    LeadReach leadReach = withLead(context.getBean(LeadReach.class));
                    assertThat(leadReach.service().sendSingleMessage(SENDER, 1, "quote",
                            new AttachmentUpload("quote.pdf", TestFiles.pdf())).isAccepted()).isTrue();
                });
    }

    private static LeadReach withLead(LeadReach leadReach) {
        ((InMemoryLeadDirectory) Access.wiring(leadReach).leads()).put(Lead.builder(1).name("Ada").mobile("+12015550101").build());
        return leadReach;
    }

    @Test
    void badSettingsStopTheStartNamingTheProperty() {
        failsWith("leadreach.attachments.clamd.socket (run/clamd.ctl) and a TCP address (clamav:3310) are alternatives",
                "leadreach.attachments.clamd.enabled=true", "leadreach.attachments.clamd.host=clamav",
                "leadreach.attachments.clamd.socket=run/clamd.ctl");
        failsWith("leadreach.attachments.clamd.host is set but leadreach.attachments.clamd.enabled is false",
                "leadreach.attachments.clamd.host=clamav");
        failsWith("leadreach.attachments.clamd.socket is set but leadreach.attachments.clamd.enabled is false",
                "leadreach.attachments.clamd.socket=run/clamd.ctl");
        failsWith("leadreach.attachments.clamd.port must be between 1 and 65535, got 0",
                "leadreach.attachments.clamd.enabled=true", "leadreach.attachments.clamd.port=0");
        failsWith("leadreach.attachments.clamd.timeout must be a positive duration",
                "leadreach.attachments.clamd.enabled=true", "leadreach.attachments.clamd.timeout=0s");
        failsWith("leadreach.attachments.clamd.host must not be blank",
                "leadreach.attachments.clamd.enabled=true", "leadreach.attachments.clamd.host= ");
    }

    private void failsWith(String message, String... properties) {
        runner.withPropertyValues(properties).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(message));
    }
}
