package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.whatsapp.CloudApiFaults.Fault;
import io.leadreach.whatsapp.FaultyCloudApi.Answer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CloudApiTransport} alone against {@link FaultyCloudApi}: for every fault class of
 * {@link CloudApiFaults}, in each of its variants (every error code under each HTTP status Meta
 * uses), the outcome the transport returns, with exactly one request on the wire. The socket-level
 * faults (resets before and after the request is read, no answer, slow answers) are what
 * {@link CloudApiTransportErrorTest}'s WireMock cannot do.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloudApiTransportFaultTest {

    static FaultyCloudApi api;
    static CloudApiTransport transport;
    static final AtomicInteger numbers = new AtomicInteger(100);

    @BeforeAll
    static void start() {
        api = FaultyCloudApi.start();
        transport = CloudApiTransport.create(api.clientConfig().responseTimeout(CloudApiFaults.RESPONSE_TIMEOUT).build());
    }

    @AfterAll
    static void stop() {
        transport.close();
        api.close();
        assertThat(api.protocolErrors()).isEmpty();
    }

    static Stream<Arguments> faults() {
        return CloudApiFaults.all().stream().flatMap(f -> IntStream.range(0, f.variants().size())
                .mapToObj(v -> Arguments.of(f, v, describe(f.variants().get(v)))));
    }

    private static String describe(Answer a) {
        return a instanceof Answer.Respond r ? "HTTP " + r.status() : a.getClass().getSimpleName();
    }

    /** A fresh fictional number for each case, so the server's count is this case's alone. */
    private static String freshNumber() {
        return String.format("+1201555%04d", numbers.incrementAndGet());
    }

    private static SendOutcome send(String to) {
        return transport.send(new OutboundMessage(to, "corr-" + to, new MessageContent.Text("Hi", false)))
                .toCompletableFuture().join();
    }

    @ParameterizedTest(name = "{0} [{2}]")
    @MethodSource("faults")
    void eachFaultBecomesItsOutcomeAfterOneRequest(Fault fault, int variant, String status) {
        String to = freshNumber();
        api.script(to, fault.script(variant));

        SendOutcome outcome = send(to);

        CloudApiFaults.Expect expect = fault.transport();
        assertThat(outcome).as("%s [%s]", fault, status).isInstanceOf(expect.outcome());
        if (expect.errorClass() != null) {
            SendOutcome.Rejected r = (SendOutcome.Rejected) outcome;
            assertThat(r.errorClass()).as("%s [%s]", fault, status).isEqualTo(expect.errorClass());
            if (fault.code() != null) {
                assertThat(r.code()).isEqualTo(String.valueOf(fault.code()));
            }
        }
        if (expect.reasonContains() != null) {
            assertThat(((SendOutcome.Unknown) outcome).reason()).contains(expect.reasonContains());
        }
        assertThat(api.requestsFor(to)).as("requests the server read for %s", fault).isEqualTo(1);
    }

    @Test
    void aConnectionResetBeforeAnythingWasReadIsRetryableOnlyWhenNothingWasWritten() {
        String to = freshNumber();
        int resetsBefore = api.resetsBeforeRead();
        // A fresh transport, so the send opens the connection that is reset (a pooled one would be reused).
        try (CloudApiTransport fresh = CloudApiTransport.create(api.clientConfig()
                .responseTimeout(CloudApiFaults.RESPONSE_TIMEOUT).build())) {
            api.resetNextConnectionsBeforeRead(1);

            SendOutcome outcome = fresh.send(new OutboundMessage(to, "corr-reset", new MessageContent.Text("Hi", false)))
                    .toCompletableFuture().join();
            SendOutcome next = fresh.send(new OutboundMessage(to, "corr-next", new MessageContent.Text("Hi", false)))
                    .toCompletableFuture().join();

            assertThat(api.resetsBeforeRead()).isEqualTo(resetsBefore + 1);
            // The server read nothing of the first request. The transport may retry it only if it can
            // tell that its body never went out (RETRYABLE, CONNECT_FAILED); if the body may have been
            // written before the reset arrived it cannot tell, and the outcome is unknown. Never accepted.
            if (outcome instanceof SendOutcome.Rejected r) {
                assertThat(r.errorClass()).isEqualTo(ErrorClass.RETRYABLE);
                assertThat(r.code()).isEqualTo("CONNECT_FAILED");
            } else {
                assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Unknown.class,
                        u -> assertThat(u.reason()).contains("after the request was written"));
            }
            System.out.println("reset before read -> " + outcome);
            assertThat(next).as("the next send, on a new connection").isInstanceOf(SendOutcome.Accepted.class);
            assertThat(api.requestsFor(to)).as("only the second request was read").isEqualTo(1);
        }
    }
}
