package io.leadreach;

import static io.leadreach.contract.TestRecords.aMessage;
import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.Tracking.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A provider id already in the message log (a restarted simulator hands out its ids again): the
 * send is answered as sent, logged, and the status reports reach the new message only.
 */
class ReissuedProviderIdTest {

    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aSingleSendWhoseLogWriteFailsAfterAcceptanceIsAnsweredAsSentWithItsWamid() {
        AtomicBoolean failWrites = new AtomicBoolean();
        f = Fixture.withMessageStore(new Delegating(new InMemoryMessageStore()) {
            @Override
            public LeadMessage save(LeadMessage message) {
                if (failWrites.get() && message.status() == MessageStatus.SENT) {
                    throw new StoreUnavailableException("the database went away", new RuntimeException());
                }
                return super.save(message);
            }
        }).withLeads(1);
        failWrites.set(true);

        SendResult result = f.service().sendSingleMessage(ADMIN, 1, "Hi", null);

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.providerMessageId()).startsWith("wamid.");
        assertThat(f.transport.count()).isEqualTo(1);
    }

    @Test
    void aStatusEventEchoingAnotherCorrelationIdIsNotAppliedToTheMessageHoldingTheWamid() {
        f = new Fixture().withLeads(1);
        Instant now = f.clock.instant();
        LeadMessage old = f.messages.save(aMessage().leadId(1).mobile(Fixture.mobile(1)).body("old")
                .sentBy("admin").correlationId("lr-m900").providerMessageId("wamid.TEST1").createdAt(now).sentAt(now)
                .build());

        Outcome outcome = f.tracker().apply(DeliveryEvent.of("wamid.TEST1", "lr-m901", DeliveryStatus.READ, now));

        assertThat(outcome).isEqualTo(Outcome.UNKNOWN);
        assertThat(f.messages.findById(old.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void aSingleSendWhoseWamidAnOldMessageHoldsIsLoggedAndItsReportsReachItAlone() {
        f = Fixture.withMessageStore(new InMemoryMessageStore()).withLeads(2); // unique provider ids, as a database
        Instant now = f.clock.instant();
        // an earlier run's message, with the id the transport will hand out first
        LeadMessage old = f.messages.save(aMessage().leadId(2).mobile(Fixture.mobile(2)).body("old")
                .sentBy("admin").correlationId("lr-m900").providerMessageId("wamid.TEST1").createdAt(now).sentAt(now)
                .build());

        SendResult result = f.service().sendSingleMessage(ADMIN, 1, "Hi", null);

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.providerMessageId()).isEqualTo("wamid.TEST1");
        LeadMessage logged = f.messages.findById(result.messageId()).orElseThrow();
        assertThat(logged.providerMessageId()).isEqualTo("wamid.TEST1");
        assertThat(logged.status()).isEqualTo(MessageStatus.SENT);

        f.tracker().apply(DeliveryEvent.of("wamid.TEST1", logged.correlationId(), DeliveryStatus.READ, now));
        assertThat(f.messages.findById(logged.id()).orElseThrow().status()).isEqualTo(MessageStatus.READ);
        assertThat(f.messages.findById(old.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
    }

    /** Hands every call to another store. */
    static class Delegating implements MessageStore {
        private final MessageStore delegate;

        Delegating(MessageStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public LeadMessage save(LeadMessage message) {
            return delegate.save(message);
        }

        @Override
        public Optional<LeadMessage> findById(long id) {
            return delegate.findById(id);
        }

        @Override
        public Optional<LeadMessage> findByProviderMessageId(String providerMessageId) {
            return delegate.findByProviderMessageId(providerMessageId);
        }

        @Override
        public Optional<LeadMessage> findByCorrelationId(String correlationId) {
            return delegate.findByCorrelationId(correlationId);
        }

        @Override
        public List<LeadMessage> findByLead(long leadId, int limit) {
            return delegate.findByLead(leadId, limit);
        }

        @Override
        public boolean advance(String providerMessageId, MessageStatus status, Instant at, String errorCode,
                               String errorMessage) {
            return delegate.advance(providerMessageId, status, at, errorCode, errorMessage);
        }

        @Override
        public boolean resolve(String correlationId, String providerMessageId, MessageStatus status, Instant at,
                               String errorCode, String errorMessage) {
            return delegate.resolve(correlationId, providerMessageId, status, at, errorCode, errorMessage);
        }

        @Override
        public boolean releaseProviderId(String providerMessageId, String newOwnerCorrelationId) {
            return delegate.releaseProviderId(providerMessageId, newOwnerCorrelationId);
        }

        @Override
        public long countCreatedBetween(Instant from, Instant to) {
            return delegate.countCreatedBetween(from, to);
        }
    }
}
