package io.leadreach.benchmarks.transport;

import io.leadreach.tracking.TrackingEvent;
import io.leadreach.whatsapp.WebhookParser;
import io.leadreach.whatsapp.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Webhook throughput: signature verification ({@link WebhookVerifier}) plus parsing
 * ({@link WebhookParser}) of a Meta-shaped body carrying {@value #EVENTS} status events with
 * correlation ids and pricing. The score is in status events per second (target at least 20,000/s).
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests &amp;&amp; \
 *   java -jar benchmarks/target/benchmarks.jar WebhookParseBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebhookParseBenchmark {

    static final int EVENTS = 100;

    private WebhookVerifier verifier;
    private WebhookParser parser;
    private byte[] body;
    private String signature;

    /** Builds and signs the body. */
    @Setup
    public void setUp() {
        verifier = new WebhookVerifier("benchmark-app-secret", null);
        parser = new WebhookParser();
        StringBuilder json = new StringBuilder("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":"
                + "\"102290129340398\",\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
                + "{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},\"statuses\":[");
        String[] words = {"sent", "delivered", "read"};
        for (int i = 0; i < EVENTS; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"wamid.HBgLMTU1NTAxMDAwMDEVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTU").append(i)
                    .append("\",\"status\":\"").append(words[i % 3])
                    .append("\",\"timestamp\":\"17502637").append(10 + i % 90)
                    .append("\",\"recipient_id\":\"1555010").append(String.format("%04d", i))
                    .append("\",\"biz_opaque_callback_data\":\"campaign-42:recipient-").append(i)
                    .append("\",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\","
                            + "\"type\":\"regular\"}}");
        }
        json.append("]},\"field\":\"messages\"}]}]}");
        body = json.toString().getBytes(StandardCharsets.UTF_8);
        signature = verifier.sign(body);
        if (verifyAndParse().size() != EVENTS) {
            throw new IllegalStateException("benchmark body does not parse to " + EVENTS + " events");
        }
    }

    /** Verifies the signature and parses the body, as a webhook endpoint does. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public List<TrackingEvent> verifyAndParse() {
        verifier.verifySignature(body, signature);
        return parser.parse(body);
    }
}
