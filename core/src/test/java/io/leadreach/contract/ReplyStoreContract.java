package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.tracking.LeadReply;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.ReplyStore.RecordedReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ReplyStore} passes; a store adapter's test is a subclass. */
public abstract class ReplyStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    protected ReplyStore store;

    /** A fresh store holding nothing. */
    protected abstract ReplyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static LeadReply reply(long leadId, String providerId, String text, Instant at) {
        return new LeadReply(leadId, "+15555550100", text, null, providerId, 12L, 3L, LeadReply.ConsentEffect.NONE, at);
    }

    @Test
    void aReplyIsRecordedOnceAndKeepsEveryField() {
        LeadReply stop = new LeadReply(9, "+15555550109", "STOP", "STOP_PROMOS", "wamid.in-stop", 44L, 7L,
                LeadReply.ConsentEffect.OPTED_OUT, T0, "100000000000002");
        RecordedReply first = store.record(stop);
        assertThat(first.id()).isPositive();
        assertThat(first.reply()).isEqualTo(stop);
        RecordedReply again = store.record(new LeadReply(9, "+15555550109", "other", null, "wamid.in-stop", null, null,
                LeadReply.ConsentEffect.NONE, T0.plusSeconds(5)));
        assertThat(again).isEqualTo(first);
        assertThat(store.page(0, 10)).containsExactly(first);
        LeadReply bare = new LeadReply(9, "+15555550109", null, null, "wamid.in-bare", null, null,
                LeadReply.ConsentEffect.NONE, T0.plusSeconds(9));
        assertThat(store.record(bare).reply()).isEqualTo(bare);
    }

    @Test
    void repliesArePagedOldestFirstAndByLeadNewestFirst() {
        List<RecordedReply> recorded = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            recorded.add(store.record(reply(i % 3 == 0 ? 1 : 2, "wamid.in-" + i, "reply " + i, T0.plusSeconds(i))));
        }
        assertThat(recorded).extracting(RecordedReply::id).isSorted().doesNotHaveDuplicates();
        List<RecordedReply> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<RecordedReply> page = store.page(after, 4);
            all.addAll(page);
            if (page.size() < 4) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(all).containsExactlyElementsOf(recorded);

        List<RecordedReply> lead2 = store.pageByLead(2, Long.MAX_VALUE, 4);
        assertThat(lead2).extracting(r -> r.reply().text()).containsExactly("reply 8", "reply 7", "reply 5", "reply 4");
        assertThat(store.pageByLead(2, lead2.get(3).id(), 4)).extracting(r -> r.reply().text())
                .containsExactly("reply 2", "reply 1");
        assertThat(store.pageByLead(1, Long.MAX_VALUE, 10)).extracting(r -> r.reply().text())
                .containsExactly("reply 6", "reply 3", "reply 0");
        assertThat(store.pageByLead(77, Long.MAX_VALUE, 10)).isEmpty();
    }
}
