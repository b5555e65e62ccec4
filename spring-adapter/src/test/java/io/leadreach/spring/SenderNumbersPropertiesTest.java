package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.internal.Access;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.transport.SenderRoutingTransport;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.WebhookSignatureException;
import io.leadreach.whatsapp.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code leadreach.whatsapp.numbers[...]}: several business numbers, each with its own client,
 * rate and app secret; the single-number properties stay the short form, and giving both is refused.
 */
class SenderNumbersPropertiesTest {

    private static final String A = "100000000000011";
    private static final String B = "100000000000012";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                    LeadReachAutoConfiguration.class))
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    private static String body(String phoneNumberId) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"300000000000001\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550100011\",\"phone_number_id\":\"" + phoneNumberId + "\"},"
                + "\"statuses\":[]}}]}]}";
    }

    private static String signature(String secret, String body) {
        return new WebhookVerifier(secret, null).sign(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cloudApiNumbersGetAClientEachBehindARoutingTransportAndTheEngineKnowsThem() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api",
                "leadreach.whatsapp.access-token=shared-token",
                "leadreach.whatsapp.app-secret=shared-secret",
                "leadreach.whatsapp.waba-id=300000000000001",
                "leadreach.whatsapp.numbers[0].phone-number-id=" + A,
                "leadreach.whatsapp.numbers[0].messages-per-second=250",
                "leadreach.whatsapp.numbers[1].phone-number-id=" + B,
                "leadreach.whatsapp.numbers[1].access-token=token-b",
                "leadreach.whatsapp.numbers[1].app-secret=secret-b",
                "leadreach.whatsapp.numbers[1].waba-id=300000000000002").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SenderRoutingTransport.class)
                    .hasSingleBean(LeadReachWhatsAppNumbers.class);
            SenderRoutingTransport routing = context.getBean(SenderRoutingTransport.class);
            assertThat(routing.senderIds()).containsExactly(A, B);
            assertThat(routing.transportOf(A)).isInstanceOf(CloudApiTransport.class);

            LeadReachWhatsAppNumbers numbers = context.getBean(LeadReachWhatsAppNumbers.class);
            CloudApiConfig a = numbers.configs().get(0);
            CloudApiConfig b = numbers.configs().get(1);
            assertThat(a.accessToken()).isEqualTo("shared-token");
            assertThat(a.appSecret()).isEqualTo("shared-secret");
            assertThat(a.wabaId()).isEqualTo("300000000000001");
            assertThat(b.accessToken()).isEqualTo("token-b");
            assertThat(b.appSecret()).isEqualTo("secret-b");
            assertThat(b.wabaId()).isEqualTo("300000000000002");
            assertThat(context.getBean(CloudApiConfig.class).phoneNumberId()).as("the default number").isEqualTo(A);

            LeadReach leadReach = context.getBean(LeadReach.class);
            SenderNumbers senders = Access.wiring(leadReach).senders();
            assertThat(senders.all()).extracting(SenderNumber::id).containsExactly(A, B);
            assertThat(senders.defaultNumber().rate()).isEqualTo(RateLimit.perSecond(250));
            assertThat(senders.find(B).orElseThrow().rate()).as("the engine's sender rate").isNull();
            assertThat(senders.find(B).orElseThrow().wabaId()).isEqualTo("300000000000002");
            assertThat(Access.wiring(leadReach).transport()).isSameAs(routing);

            // each number's webhooks are checked with its own app secret
            WebhookVerifier verifier = context.getBean(WebhookVerifier.class);
            byte[] forA = body(A).getBytes(StandardCharsets.UTF_8);
            byte[] forB = body(B).getBytes(StandardCharsets.UTF_8);
            verifier.verifySignature(forA, signature("shared-secret", body(A)));
            verifier.verifySignature(forB, signature("secret-b", body(B)));
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> verifier.verifySignature(forB, signature("shared-secret", body(B))))
                    .isInstanceOf(WebhookSignatureException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verifySignature(
                            body("100000000000099").getBytes(StandardCharsets.UTF_8),
                            signature("shared-secret", body("100000000000099"))))
                    .isInstanceOf(WebhookSignatureException.class);
        });
    }

    @Test
    void theShortFormStaysOneNumberWithoutARegistry() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=" + A,
                "leadreach.whatsapp.access-token=t", "leadreach.whatsapp.app-secret=s").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CloudApiTransport.class)
                    .doesNotHaveBean(LeadReachWhatsAppNumbers.class).doesNotHaveBean(SenderNumbers.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).senders().all())
                    .extracting(SenderNumber::id).containsExactly(A);
        });
    }

    @Test
    void theShortFormAndNumbersTogetherAreRefusedByProperty() {
        runner.withPropertyValues("leadreach.whatsapp.mode=cloud-api", "leadreach.whatsapp.phone-number-id=" + A,
                "leadreach.whatsapp.access-token=t",
                "leadreach.whatsapp.numbers[0].phone-number-id=" + B,
                "leadreach.whatsapp.numbers[1].phone-number-id=" + B,
                "leadreach.whatsapp.numbers[1].messages-per-second=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().message()
                    .contains("leadreach.whatsapp.phone-number-id")
                    .contains("leadreach.whatsapp.numbers[1].phone-number-id")
                    .contains("leadreach.whatsapp.numbers[1].messages-per-second");
        });
    }

    @Test
    void theSandboxServesEachConfiguredNumber() {
        runner.withPropertyValues("leadreach.whatsapp.numbers[0].phone-number-id=" + A,
                "leadreach.whatsapp.numbers[1].phone-number-id=" + B).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(SenderRoutingTransport.class);
            LeadReachWhatsAppNumbers numbers = context.getBean(LeadReachWhatsAppNumbers.class);
            assertThat(numbers.configs()).extracting(CloudApiConfig::phoneNumberId).containsExactly(A, B);
            assertThat(numbers.configs()).allSatisfy(c -> assertThat(c.baseUrl().toString())
                    .isEqualTo(context.getBean(io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator.class).baseUrl()));
        });
    }
}
