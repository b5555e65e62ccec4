package io.leadreach.jpa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void criteriaSurviveTheRoundTripWithAwkwardText() {
        TargetCriteria c = TargetCriteria.builder()
                .statuses("qualified", "New \"hot\"")
                .sources("web\\form", "fair\n2026")
                .priorities("high")
                .createdFrom(Instant.parse("2026-01-01T00:00:00.123456Z"))
                .createdTo(Instant.parse("2026-02-01T00:00:00Z"))
                .leadIds(List.of(3L, 1L, 9_000_000_000L))
                .attribute("city", "São Paulo \u0001")
                .attribute("tier", "")
                .build();
        assertThat(JsonText.readCriteria(JsonText.writeCriteria(c))).isEqualTo(c);
        assertThat(JsonText.readCriteria(JsonText.writeCriteria(TargetCriteria.all()))).isEqualTo(TargetCriteria.all());
    }

    @Test
    void theAutomationPartsSurviveTheRoundTripAndAreLeftOutWhenUnset() {
        TargetCriteria c = TargetCriteria.builder().statuses("new")
                .lastContactBefore(Instant.parse("2026-03-01T00:00:00Z"), true)
                .birthdayOn(Instant.parse("2027-02-28T20:00:00Z"), java.time.ZoneId.of("Asia/Tokyo"))
                .anniversaryOn(Instant.parse("2027-02-28T20:00:00Z"), java.time.ZoneOffset.UTC)
                .renewalBetween(java.time.LocalDate.of(2027, 3, 1), java.time.LocalDate.of(2027, 3, 8))
                .build();
        assertThat(JsonText.readCriteria(JsonText.writeCriteria(c))).isEqualTo(c);
        assertThat(JsonText.writeCriteria(TargetCriteria.builder().statuses("new").build()))
                .doesNotContain("lastContactBefore").doesNotContain("birthday").doesNotContain("renewal");
        // what older versions wrote still reads
        assertThat(JsonText.readCriteria("{\"statuses\":[\"new\"],\"sources\":[],\"priorities\":[],"
                + "\"createdFrom\":null,\"createdTo\":null,\"leadIds\":[],\"attributes\":{}}"))
                .isEqualTo(TargetCriteria.builder().statuses("new").build());
    }

    @Test
    void equalCriteriaAreWrittenAlike() {
        TargetCriteria a = TargetCriteria.builder().statuses("b", "a").leadIds(List.of(2L, 1L)).build();
        TargetCriteria b = TargetCriteria.builder().statuses("a", "b").leadIds(List.of(1L, 2L)).build();
        assertThat(JsonText.writeCriteria(a)).isEqualTo(JsonText.writeCriteria(b));
    }

    @Test
    void stringListsKeepTheirOrder() {
        List<String> params = List.of("name", "product_interest", "a\"b");
        assertThat(JsonText.readStrings(JsonText.writeStrings(params))).isEqualTo(params);
        assertThat(JsonText.readStrings("[]")).isEmpty();
    }
}
