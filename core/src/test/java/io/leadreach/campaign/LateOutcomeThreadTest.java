package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP client completes a send's future on one of its few I/O threads. Settling the outcome
 * there (store calls, message log inserts, retries through the database) would hold that thread,
 * and with it every other request of the client: late outcomes are settled elsewhere.
 */
class LateOutcomeThreadTest {

    private static final String IO_THREAD = "fake-http-client-io";

    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, IO_THREAD);
        t.setDaemon(true);
        return t;
    });
    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
        io.shutdownNow();
    }

    /** Answers every send 30 ms later, on the client's I/O thread. */
    private final class SlowClient implements WhatsAppTransport {
        final AtomicInteger sent = new AtomicInteger();

        @Override
        public CompletionStage<SendOutcome> send(OutboundMessage message) {
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            int n = sent.incrementAndGet();
            io.schedule(() -> answer.complete(new SendOutcome.Accepted("wamid.late-" + n, null)), 30,
                    TimeUnit.MILLISECONDS);
            return answer;
        }
    }

    @Test
    void lateOutcomesAreNotSettledOnTheThreadThatCompletedThem() {
        List<String> settlingThreads = new CopyOnWriteArrayList<>();
        InMemoryCampaignStore real = new InMemoryCampaignStore();
        CampaignStore watched = (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class}, (proxy, m, args) -> {
                    if (m.getName().startsWith("settle")) {
                        settlingThreads.add(Thread.currentThread().getName());
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SlowClient client = new SlowClient();
        f = Fixture.with(watched, client, b -> b.leadPacing(Duration.ZERO));
        f.withLeads(5);
        Campaign c = f.service().executeCampaign(ADMIN, f.service().createCampaign(ADMIN,
                CampaignSpec.builder().name("late").body("Hi").messagesPerMinute(100_000).build()).id());
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
            f.runDue();
            return real.counts(c.id()).sent() == 5;
        });
        assertThat(client.sent).hasValue(5);
        assertThat(settlingThreads).isNotEmpty().doesNotContain(IO_THREAD);
        assertThat(f.messages.findByLead(3, 5)).hasSize(1);
    }
}
