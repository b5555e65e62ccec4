package io.leadreach.tracking;

import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link Tracking} reads consent from inbound messages and which events it ignores.
 *
 * <p>Keywords match the whole inbound text, trimmed of white space and surrounding punctuation and
 * case-folded ({@code " Stop! "} matches {@code STOP}; {@code "please stop"} does not), so a lead
 * who mentions the word in a sentence is not opted out by accident.
 *
 * <pre>{@code
 * TrackingConfig.custom().stopKeywords(Set.of("STOP", "HALT")).attributionWindow(Duration.ofDays(3)).build();
 * }</pre>
 */
public final class TrackingConfig {

    /** Stop keywords in English, Spanish, Portuguese, French, German, Italian, Dutch and Russian. */
    public static final Set<String> DEFAULT_STOP_KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL",
            "END", "QUIT", "OPT OUT", "OPTOUT", "ALTO", "PARAR", "PARE", "BAJA", "CANCELAR", "DESUSCRIBIR",
            "ARRET", "ARRÊT", "DESABONNER", "DÉSABONNER", "STOPP", "ABMELDEN", "BASTA", "DISISCRIVITI",
            "AFMELDEN", "ОТПИСАТЬСЯ", "СТОП");
    /** Start keywords that opt a number in again. */
    public static final Set<String> DEFAULT_START_KEYWORDS = Set.of("START", "UNSTOP", "SUBSCRIBE", "RESUME",
            "YES", "INICIO", "ALTA", "COMENZAR", "DEMARRER", "DÉMARRER", "ANMELDEN", "ПОДПИСАТЬСЯ");
    /**
     * Quick-reply payloads that opt a number out: the library's own {@code STOP} and
     * {@code UNSUBSCRIBE}, and Meta's marketing opt-out button ("Stop promotions"), whose payload is
     * {@code STOP_PROMOTIONS} (its text, {@code Stop promotions}, is recognised too).
     */
    public static final Set<String> DEFAULT_OPT_OUT_PAYLOADS = Set.of("STOP", "UNSUBSCRIBE", "STOP_PROMOTIONS",
            "STOP PROMOTIONS");
    /** How far back a reply without context is attributed to the latest message sent to that number. */
    public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(7);
    /**
     * Events older than this are ignored (Meta retries webhooks for up to 7 days), except opt-outs,
     * which are recorded whatever their age.
     */
    public static final Duration DEFAULT_MAX_EVENT_AGE = Duration.ofDays(30);

    private static final TrackingConfig DEFAULTS = custom().build();

    private final Set<String> stopKeywords;
    private final Set<String> startKeywords;
    private final Set<String> optOutPayloads;
    private final Duration attributionWindow;
    private final Duration maxEventAge;

    private TrackingConfig(Builder b) {
        this.stopKeywords = b.stopKeywords;
        this.startKeywords = b.startKeywords;
        this.optOutPayloads = b.optOutPayloads;
        this.attributionWindow = b.attributionWindow;
        this.maxEventAge = b.maxEventAge;
    }

    public static TrackingConfig ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** The stop keywords, case-folded. */
    public Set<String> stopKeywords() { return stopKeywords; }

    /** The start keywords, case-folded. */
    public Set<String> startKeywords() { return startKeywords; }

    /** The opt-out button payloads, case-folded. */
    public Set<String> optOutPayloads() { return optOutPayloads; }

    /** How far back a reply without context is attributed to the latest message to that number. */
    public Duration attributionWindow() { return attributionWindow; }

    /**
     * Events older than this (by the clock) are ignored and counted as stale; opt-outs are
     * recorded whatever their age.
     */
    public Duration maxEventAge() { return maxEventAge; }

    /** Whether this inbound text, as a whole, is a stop keyword. */
    public boolean isStop(String text) {
        return text != null && stopKeywords.contains(fold(text));
    }

    /** Whether this inbound text, as a whole, is a start keyword. */
    public boolean isStart(String text) {
        return text != null && startKeywords.contains(fold(text));
    }

    /** Whether this button payload opts out. */
    public boolean isOptOutPayload(String payload) {
        return payload != null && optOutPayloads.contains(fold(payload));
    }

    /** Trims white space and surrounding punctuation, collapses inner white space, and case-folds. */
    static String fold(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && skippable(s.charAt(start))) {
            start++;
        }
        while (end > start && skippable(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static boolean skippable(char c) {
        return Character.isWhitespace(c) || c == '.' || c == '!' || c == '?' || c == ',' || c == ';'
                || c == '"' || c == '\'' || c == '¡' || c == '¿';
    }

    /** Builds a {@link TrackingConfig}; each setting is checked when set. */
    public static final class Builder {
        private Set<String> stopKeywords = folded(DEFAULT_STOP_KEYWORDS);
        private Set<String> startKeywords = folded(DEFAULT_START_KEYWORDS);
        private Set<String> optOutPayloads = folded(DEFAULT_OPT_OUT_PAYLOADS);
        private Duration attributionWindow = DEFAULT_ATTRIBUTION_WINDOW;
        private Duration maxEventAge = DEFAULT_MAX_EVENT_AGE;

        /** Replaces the stop keywords (an empty set turns keyword opt-out off). */
        public Builder stopKeywords(Collection<String> v) { stopKeywords = folded(v); return this; }

        /** Replaces the start keywords (an empty set turns keyword opt-in off). */
        public Builder startKeywords(Collection<String> v) { startKeywords = folded(v); return this; }

        /** Replaces the opt-out button payloads (the defaults are {@link #DEFAULT_OPT_OUT_PAYLOADS}). */
        public Builder optOutPayloads(Collection<String> v) { optOutPayloads = folded(v); return this; }

        public Builder attributionWindow(Duration v) { attributionWindow = positive("attributionWindow", v); return this; }

        public Builder maxEventAge(Duration v) { maxEventAge = positive("maxEventAge", v); return this; }

        public TrackingConfig build() {
            Set<String> both = stopKeywords.stream().filter(startKeywords::contains).collect(Collectors.toSet());
            if (!both.isEmpty()) {
                throw new IllegalArgumentException("keywords both stop and start: " + both);
            }
            return new TrackingConfig(this);
        }

        private static Set<String> folded(Collection<String> words) {
            Objects.requireNonNull(words, "keywords");
            return words.stream().map(w -> fold(Objects.requireNonNull(w, "keyword")))
                    .filter(w -> !w.isEmpty()).collect(Collectors.toUnmodifiableSet());
        }

        private static Duration positive(String name, Duration v) {
            if (v == null || v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + v);
            }
            return v;
        }
    }
}
