package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.StoreUnavailableException;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStore;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store call that committed but whose answer was lost (the connection dropped after the commit)
 * is tried again by the engine; the second try finds its work done. The engine must still treat
 * the work as its own.
 */
class LostAnswerTest {

    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    /** The in-memory store, except that the first {@code times} calls of {@code method} commit and then fail. */
    private static CampaignStore losingAnswers(String method, int times, AtomicInteger lost) {
        InMemoryCampaignStore real = new InMemoryCampaignStore();
        InvocationHandler h = (proxy, m, args) -> {
            Object result;
            try {
                result = m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (m.getName().equals(method) && lost.get() < times) {
                lost.incrementAndGet();
                throw new StoreUnavailableException("connection reset after the commit", null);
            }
            return result;
        };
        return (CampaignStore) Proxy.newProxyInstance(CampaignStore.class.getClassLoader(),
                new Class<?>[] {CampaignStore.class}, h);
    }

    @Test
    void aSettlementWhoseCommitAnswerWasLostStillLogsEveryMessage() {
        AtomicInteger lost = new AtomicInteger();
        f = Fixture.withCampaignStore(losingAnswers("settleAll", 1, lost), b -> b);
        f.withLeads(6);
        f.transport.answerFor(Fixture.mobile(5), SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026",
                "undeliverable"));
        Campaign c = f.service().executeCampaign(ADMIN, f.service().createCampaign(ADMIN,
                CampaignSpec.builder().name("lost").body("Hi {name}").messagesPerMinute(100_000).build()).id());
        f.runFor(Duration.ofMinutes(1));

        assertThat(lost).as("the first settlement's answer was lost").hasValue(1);
        CampaignCounters counts = f.campaigns.counts(c.id());
        assertThat(counts.sent()).isEqualTo(5);
        assertThat(counts.failed()).isEqualTo(1);
        for (long lead = 1; lead <= 6; lead++) {
            assertThat(f.messages.findByLead(lead, 5)).as("lead %d's message-log row", lead)
                    .singleElement().extracting(LeadMessage::campaignId).isEqualTo(c.id());
        }
    }

    @Test
    void aMessageStoreFailureThatIsNoDuplicateIsNotTakenForMessagesLoggedAlready() {
        // a closed connection pool fails every write with an IllegalStateException, not a duplicate
        AtomicInteger oneByOne = new AtomicInteger();
        InMemoryMessageStore real = new InMemoryMessageStore();
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().equals("insertAll") || m.getName().equals("save")) {
                if (m.getName().equals("save")) {
                    oneByOne.incrementAndGet();
                }
                throw new IllegalStateException("EntityManagerFactory is closed");
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        f = Fixture.withMessageStore((MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                new Class<?>[] {MessageStore.class}, h));
        f.withLeads(3);
        Campaign c = f.service().executeCampaign(ADMIN, f.service().createCampaign(ADMIN,
                CampaignSpec.builder().name("closed").body("Hi {name}").messagesPerMinute(100_000).build()).id());
        f.runFor(Duration.ofMinutes(1));

        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(3);
        assertThat(oneByOne).as("messages saved one by one, each failure taken for 'logged already'").hasValue(0);
    }
}
