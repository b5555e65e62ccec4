package io.leadreach.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private final SendWindow window = SendWindow.ofDefaults();

    @Test
    void outsideQuietHoursNowIsAllowed() {
        Instant noon = Instant.parse("2026-03-02T12:00:00Z");
        assertThat(window.nextAllowed(noon, ZoneId.of("UTC"))).isEqualTo(noon);
    }

    @Test
    void lateEveningWaitsForTheNextMorning() {
        assertThat(window.nextAllowed(Instant.parse("2026-03-02T22:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
    }

    @Test
    void earlyMorningWaitsUntilNineTheSameDay() {
        assertThat(window.nextAllowed(Instant.parse("2026-03-02T08:59:59Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    }

    @Test
    void quietHoursAreJudgedInTheLeadsZone() {
        // 20:00 UTC is 01:30 in Kolkata: wait until 09:00 IST = 03:30 UTC.
        assertThat(window.nextAllowed(Instant.parse("2026-03-02T20:00:00Z"), ZoneId.of("Asia/Kolkata")))
                .isEqualTo(Instant.parse("2026-03-03T03:30:00Z"));
        // and 20:00 UTC is 15:00 in New York: fine.
        assertThat(window.nextAllowed(Instant.parse("2026-03-02T20:00:00Z"), ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-03-02T20:00:00Z"));
    }

    @Test
    void daylightSavingChangesAreRespected() {
        // US DST starts 2026-03-08 02:00 local; the night before, 09:00 EDT is 13:00 UTC.
        Instant night = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST
        assertThat(window.nextAllowed(night, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
    }

    @Test
    void aDaytimeQuietSpanWorksToo() {
        SendWindow lunch = SendWindow.quietBetween(LocalTime.of(12, 0), LocalTime.of(14, 0));
        assertThat(lunch.isQuiet(LocalTime.of(13, 0))).isTrue();
        assertThat(lunch.isQuiet(LocalTime.of(14, 0))).isFalse();
        assertThat(lunch.isQuiet(LocalTime.of(11, 59))).isFalse();
        assertThat(SendWindow.always().isQuiet(LocalTime.of(3, 0))).isFalse();
    }
}
