package io.leadreach.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.template.WhatsAppTemplateBinding.ProviderStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A binding's statuses per WABA: normalised, immutable, and read by the number's WABA. */
class WhatsAppTemplateBindingWabaTest {

    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private static final WhatsAppTemplateBinding BOUND = new WhatsAppTemplateBinding("offer", "en_US", List.of());

    @Test
    void statusesPerWabaAreNormalisedAndCannotBeChangedFromOutside() {
        Map<String, ProviderStatus> given = new HashMap<>();
        given.put("1", new ProviderStatus(" reinstated ", T));
        given.put("2", new ProviderStatus("paused", T));
        WhatsAppTemplateBinding b = BOUND.withWabaStatuses(given);
        given.clear();
        assertThat(b.wabaStatuses()).containsExactly(Map.entry("1", new ProviderStatus("APPROVED", T)),
                Map.entry("2", new ProviderStatus("PAUSED", T)));
        assertThatThrownBy(() -> b.wabaStatuses().put("3", new ProviderStatus("APPROVED", T)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new ProviderStatus(" ", T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BOUND.withWabaStatuses(Map.of("1", new ProviderStatus("PAUSED", null))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WhatsAppTemplateBinding("offer", "en_US", null, null, null).wabaStatuses()).isEmpty();
    }

    @Test
    void aNumberIsReadByItsWabasOwnStatusElseTheOneWithoutAWaba() {
        WhatsAppTemplateBinding b = BOUND.afterReport("2", "PAUSED", T).orElseThrow();
        assertThat(b.usableIn("2")).isFalse();
        assertThat(b.usableIn("1")).as("another WABA's report says nothing about it").isTrue();
        assertThat(b.usableIn(null)).as("a number of an unknown WABA: the newest report").isFalse();
        assertThat(b.usable()).isFalse();
        assertThat(b.usableInAny(List.of("2", "1"))).isTrue();
        assertThat(b.latest()).isEqualTo(new ProviderStatus("PAUSED", T));

        WhatsAppTemplateBinding rejected = b.afterReport(null, "REJECTED", T.plusSeconds(1)).orElseThrow();
        assertThat(rejected.usableIn("1")).isFalse();
        assertThat(rejected.usableIn("2")).isFalse();
        WhatsAppTemplateBinding again = rejected.afterReport("1", "APPROVED", T.plusSeconds(2)).orElseThrow();
        assertThat(again.usableIn("1")).as("its own report wins").isTrue();
        assertThat(again.usable()).as("the newest report is APPROVED").isTrue();
        assertThat(again.latest()).isEqualTo(new ProviderStatus("APPROVED", T.plusSeconds(2)));
    }

    @Test
    void aReportChangesNothingWhenOlderOrTheSameForItsWaba() {
        WhatsAppTemplateBinding b = BOUND.afterReport("1", "PAUSED", T).orElseThrow();
        assertThat(b.afterReport("1", "APPROVED", T.minusSeconds(1))).isEmpty();
        assertThat(b.afterReport("1", "paused", T.plusSeconds(1))).isEmpty();
        assertThat(b.afterReport("2", "APPROVED", T.minusSeconds(1))).as("another WABA has no newer one").isPresent();
        assertThat(b.afterReport(null, "APPROVED", T.minusSeconds(1))).as("nor has the status without a WABA")
                .isPresent();
        assertThat(b.afterReport("1", "APPROVED", T).orElseThrow().wabaStatuses().get("1"))
                .isEqualTo(new ProviderStatus("APPROVED", T));
    }
}
