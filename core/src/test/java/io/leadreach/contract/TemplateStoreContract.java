package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.DuplicateKeyException;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateStore;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link TemplateStore} passes; a store adapter's test is a subclass. */
public abstract class TemplateStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    protected TemplateStore store;

    protected abstract TemplateStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static MessageTemplate template(String name, boolean active) {
        return new MessageTemplate(0, name, TemplateCategory.FOLLOW_UP, "Hi {name}", null, active, 0, "tester", T0,
                new WhatsAppTemplateBinding("follow_up_1", "en_US", List.of("name")));
    }

    @Test
    void savingAssignsAnIdAndKeepsEveryField() {
        MessageTemplate saved = store.save(template("welcome", true));
        assertThat(saved.id()).isPositive();
        assertThat(store.findById(saved.id())).contains(saved);
        assertThat(store.findByName("welcome")).contains(saved);
        assertThat(saved.binding().parameters()).containsExactly("name");
    }

    @Test
    void namesAreUnique() {
        store.save(template("welcome", true));
        assertThatThrownBy(() -> store.save(template("welcome", false))).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findAll(false)).hasSize(1);
    }

    @Test
    void activeOnlyListingLeavesInactiveOut() {
        store.save(template("b", true));
        store.save(template("a", false));
        assertThat(store.findAll(false)).extracting(MessageTemplate::name).containsExactly("a", "b");
        assertThat(store.findAll(true)).extracting(MessageTemplate::name).containsExactly("b");
    }

    @Test
    void updatingAndDeleting() {
        MessageTemplate saved = store.save(template("x", true));
        MessageTemplate changed = new MessageTemplate(saved.id(), "x", TemplateCategory.REMINDER, "Bye {name}",
                null, false, 0, "tester", T0, null);
        store.save(changed);
        assertThat(store.findById(saved.id())).contains(changed);
        assertThat(store.delete(saved.id())).isTrue();
        assertThat(store.delete(saved.id())).isFalse();
        assertThat(store.findById(saved.id())).isEmpty();
    }

    @Test
    void usageCountsAddUp() throws Exception {
        MessageTemplate saved = store.save(template("u", true));
        CampaignStoreContract.runConcurrently(4, i -> {
            for (int k = 0; k < 25; k++) {
                store.incrementUsage(saved.id(), 2);
            }
        });
        assertThat(store.findById(saved.id()).orElseThrow().usageCount()).isEqualTo(200);
    }

    @Test
    void theBindingsProviderStatusIsUpdatedAloneAndNeverByAnOlderReport() {
        MessageTemplate saved = store.save(template("bound", true));
        store.incrementUsage(saved.id(), 3);
        assertThat(saved.binding()).isNotNull();
        assertThat(store.updateBindingStatus(saved.id(), "rejected", T0)).isTrue();
        MessageTemplate read = store.findById(saved.id()).orElseThrow();
        assertThat(read.binding().status()).isEqualTo("REJECTED");
        assertThat(read.binding().statusAt()).isEqualTo(T0);
        assertThat(read.binding().name()).isEqualTo(saved.binding().name());
        assertThat(read.usageCount()).isEqualTo(saved.usageCount() + 3);
        assertThat(store.updateBindingStatus(saved.id(), "REJECTED", T0.plusSeconds(1))).isFalse();
        assertThat(store.updateBindingStatus(saved.id(), "APPROVED", T0.minusSeconds(1))).isFalse();
        assertThat(store.updateBindingStatus(saved.id(), "APPROVED", T0.plusSeconds(2))).isTrue();
        assertThat(store.findById(saved.id()).orElseThrow().binding().usable()).isTrue();
        assertThat(store.updateBindingStatus(saved.id() + 1000, "APPROVED", T0)).isFalse();
        assertThat(store.findById(saved.id()).orElseThrow()).isEqualTo(store.save(store.findById(saved.id()).orElseThrow()));
    }

    @Test
    void eachWabasStatusIsKeptApartAndNeverUndoneByAnOlderReportOfThatWaba() {
        MessageTemplate saved = store.save(template("per_waba", true));
        store.incrementUsage(saved.id(), 2);
        assertThat(store.updateBindingStatus(saved.id(), "WABA_1", "approved", T0)).isTrue();
        assertThat(store.updateBindingStatus(saved.id(), "WABA_2", "PAUSED", T0.plusSeconds(10))).isTrue();
        WhatsAppTemplateBinding b = store.findById(saved.id()).orElseThrow().binding();
        assertThat(b.wabaStatuses()).containsOnlyKeys("WABA_1", "WABA_2");
        assertThat(b.wabaStatuses().get("WABA_1")).isEqualTo(new WhatsAppTemplateBinding.ProviderStatus("APPROVED", T0));
        assertThat(b.wabaStatuses().get("WABA_2"))
                .isEqualTo(new WhatsAppTemplateBinding.ProviderStatus("PAUSED", T0.plusSeconds(10)));
        assertThat(b.status()).as("the status without a WABA").isNull();
        assertThat(b.usableIn("WABA_1")).isTrue();
        assertThat(b.usableIn("WABA_2")).isFalse();

        // a late, older report of one WABA does not overwrite its newer one, whatever the other WABA says
        assertThat(store.updateBindingStatus(saved.id(), "WABA_2", "APPROVED", T0.plusSeconds(5))).isFalse();
        assertThat(store.updateBindingStatus(saved.id(), "WABA_2", "PAUSED", T0.plusSeconds(20))).as("the same").isFalse();
        assertThat(store.updateBindingStatus(saved.id(), "WABA_1", "REJECTED", T0.plusSeconds(1))).isTrue();
        assertThat(store.updateBindingStatus(saved.id(), "WABA_2", "REINSTATED", T0.plusSeconds(30))).isTrue();
        // a report without a WABA goes to the status without one, leaving each WABA's as it is
        assertThat(store.updateBindingStatus(saved.id(), "DISABLED", T0.plusSeconds(40))).isTrue();
        MessageTemplate read = store.findById(saved.id()).orElseThrow();
        assertThat(read.binding().wabaStatuses()).containsExactly(
                java.util.Map.entry("WABA_1", new WhatsAppTemplateBinding.ProviderStatus("REJECTED", T0.plusSeconds(1))),
                java.util.Map.entry("WABA_2", new WhatsAppTemplateBinding.ProviderStatus("APPROVED", T0.plusSeconds(30))));
        assertThat(read.binding().status()).isEqualTo("DISABLED");
        assertThat(read.binding().usableIn("WABA_2")).isTrue();
        assertThat(read.binding().usableIn("WABA_3")).as("no report of its own: the one without a WABA").isFalse();
        assertThat(read.usageCount()).isEqualTo(2);
        assertThat(read.binding().name()).isEqualTo(saved.binding().name());
        assertThat(store.updateBindingStatus(saved.id() + 1000, "WABA_1", "APPROVED", T0)).isFalse();
        assertThat(read).isEqualTo(store.save(read));
    }

    @Test
    void aTemplateWithoutBindingTakesNoWabaStatus() {
        MessageTemplate saved = store.save(template("unbound", true).withBinding(null));
        assertThat(store.updateBindingStatus(saved.id(), "WABA_1", "PAUSED", T0)).isFalse();
        assertThat(store.findById(saved.id())).contains(saved);
    }

    @Test
    void concurrentReportsOfSeveralWabasAreAllKept() throws Exception {
        MessageTemplate saved = store.save(template("many_wabas", true));
        CampaignStoreContract.runConcurrently(4, i -> {
            for (int k = 0; k < 10; k++) {
                store.updateBindingStatus(saved.id(), "WABA_" + i, k % 2 == 0 ? "PAUSED" : "APPROVED",
                        T0.plusSeconds(k));
            }
        });
        assertThat(store.findById(saved.id()).orElseThrow().binding().wabaStatuses())
                .containsOnlyKeys("WABA_0", "WABA_1", "WABA_2", "WABA_3")
                .allSatisfy((waba, s) -> assertThat(s).isEqualTo(
                        new WhatsAppTemplateBinding.ProviderStatus("APPROVED", T0.plusSeconds(9))));
    }

    private static MessageTemplate edited(MessageTemplate t, String body) {
        return new MessageTemplate(t.id(), t.name(), t.category(), body, t.attachment(), t.active(), t.usageCount(),
                t.createdBy(), t.createdAt(), t.binding());
    }

    @Test
    void replacingIsACompareAndSetOnTheUsageCountAndTheProviderStatus() {
        MessageTemplate read = store.save(template("cas", true));
        assertThat(store.replace(read, edited(read, "Edit one {name}"))).isTrue();
        MessageTemplate now = store.findById(read.id()).orElseThrow();
        assertThat(now.body()).isEqualTo("Edit one {name}");

        store.incrementUsage(read.id(), 5);
        assertThat(store.replace(now, edited(now, "Stale {name}"))).as("usage arrived since the read").isFalse();
        MessageTemplate counted = store.findById(read.id()).orElseThrow();
        assertThat(counted.body()).isEqualTo("Edit one {name}");
        assertThat(counted.usageCount()).isEqualTo(5);

        assertThat(store.updateBindingStatus(read.id(), "PAUSED", T0)).isTrue();
        assertThat(store.replace(counted, edited(counted, "Stale {name}"))).as("a status arrived since").isFalse();
        MessageTemplate paused = store.findById(read.id()).orElseThrow();
        assertThat(paused.binding().status()).isEqualTo("PAUSED");
        assertThat(paused.body()).isEqualTo("Edit one {name}");
        assertThat(store.updateBindingStatus(read.id(), "WABA_1", "REJECTED", T0)).isTrue();
        assertThat(store.replace(paused, edited(paused, "Stale {name}"))).as("a WABA's status arrived since").isFalse();
        paused = store.findById(read.id()).orElseThrow();
        assertThat(paused.binding().wabaStatuses()).containsOnlyKeys("WABA_1");

        assertThat(store.replace(paused, edited(paused, "Edit two {name}"))).isTrue();
        assertThat(store.findById(read.id())).contains(edited(paused, "Edit two {name}"));

        MessageTemplate other = store.save(template("other", true));
        MessageTemplate renamed = new MessageTemplate(other.id(), "cas", other.category(), other.body(), null,
                true, 0, "tester", T0, other.binding());
        assertThatThrownBy(() -> store.replace(other, renamed)).isInstanceOf(DuplicateKeyException.class);
        assertThat(store.findById(other.id())).contains(other);

        assertThat(store.delete(read.id())).isTrue();
        MessageTemplate gone = store.findById(other.id()).orElseThrow();
        assertThat(store.replace(paused, edited(paused, "Back {name}"))).as("deleted meanwhile").isFalse();
        assertThat(store.findById(read.id())).isEmpty();
        assertThat(gone).isEqualTo(other);
    }

    @Test
    void concurrentUsageIsNeverLostToReplacingEdits() throws Exception {
        MessageTemplate saved = store.save(template("busy", true));
        CampaignStoreContract.runConcurrently(4, i -> {
            for (int k = 0; k < 25; k++) {
                if (i % 2 == 0) {
                    store.incrementUsage(saved.id(), 1);
                } else {
                    boolean done = false;
                    while (!done) {
                        MessageTemplate t = store.findById(saved.id()).orElseThrow();
                        done = store.replace(t, edited(t, "Edit " + i + "-" + k + " {name}"));
                    }
                }
            }
        });
        assertThat(store.findById(saved.id()).orElseThrow().usageCount()).isEqualTo(50);
    }
}
