package io.leadreach.jpa;

import static io.leadreach.contract.TestRecords.aMessage;
import io.leadreach.DuplicateKeyException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JpaMessageStore#insertAll}: many rows in one transaction, and none when one clashes. */
class JpaMessageStoreInsertAllTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static LeadMessage message(long leadId, String providerId, String correlationId) {
        return aMessage().leadId(leadId).campaignId(1L).correlationId(correlationId).providerMessageId(providerId)
                .createdAt(T0).sentAt(T0).build();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBatchLargerThanOneStatementIsStoredWholeAndAClashStoresNothing(TestDatabase db) {
        db.clear("lead_whatsapp_messages");
        JpaMessageStore store = new JpaMessageStore(db.emf());
        List<LeadMessage> batch = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            batch.add(message(7, "wamid.batch" + i, "batch-" + i));
        }
        store.insertAll(batch);
        assertThat(store.findByLead(7, 1_000)).hasSize(450);
        assertThat(store.findByCorrelationId("batch-449")).hasValueSatisfying(m ->
                assertThat(m.providerMessageId()).isEqualTo("wamid.batch449"));

        List<LeadMessage> clashing = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clashing.add(message(8, "wamid.new" + i, "new-" + i));
        }
        clashing.add(message(8, "wamid.other", "batch-3"));
        assertThatThrownBy(() -> store.insertAll(clashing)).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findByLead(8, 1_000)).as("one transaction: none stored").isEmpty();
    }
}
