package io.leadreach.spring.ui.internal;

import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.spring.internal.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's sender numbers as the console shows them: each by its display number (or its id),
 * with its send rate in words. The pages show numbers only when several are registered; with one
 * there is nothing to choose and nothing to tell apart.
 */
public final class SenderChoices {

    private final SenderNumbers senders;
    private final RateLimit engineRate;

    /** The numbers of this registry; {@code engineRate} is the rate of those without their own. */
    public SenderChoices(SenderNumbers senders, RateLimit engineRate) {
        this.senders = Objects.requireNonNull(senders, "senders");
        this.engineRate = Objects.requireNonNull(engineRate, "engineRate");
    }

    /**
     * A number a campaign may send from.
     *
     * @param id          its provider id, what the campaign names
     * @param label       its display number, or its id when it has none
     * @param rate        its send rate in words
     * @param defaultOne  whether it is the default number
     */
    public record Option(String id, String label, String rate, boolean defaultOne) {
        /** The label with the id beside it when the label is a display number. */
        public String title() {
            return label.equals(id) ? id : label + " (id " + id + ")";
        }
    }

    /** Whether more than one number is registered: only then do the pages offer or show a choice. */
    public boolean several() {
        return senders.all().size() > 1;
    }

    /** Every registered number, the default first. */
    public List<Option> options() {
        SenderNumber first = senders.defaultNumber();
        List<Option> out = new ArrayList<>();
        for (SenderNumber n : senders.all()) {
            out.add(new Option(n.id(), label(n), rate(n), n.equals(first)));
        }
        return out;
    }

    /** The default number. */
    public Option defaultOption() {
        return options().get(0);
    }

    /** The number with this id as people see it; an id no longer registered says so. */
    public String label(String id) {
        if (id == null) {
            return null;
        }
        return senders.find(id).map(SenderChoices::label).orElse(id + " (no longer registered)");
    }

    /**
     * The numbers a campaign sends from in words: "the default number, +1 555 0100", one number,
     * or "2 numbers, spread by lead: +1 555 0100, +1 555 0101".
     */
    public String describe(List<String> campaignNumbers) {
        if (campaignNumbers.isEmpty()) {
            return "the default number, " + label(senders.defaultNumber());
        }
        if (campaignNumbers.size() == 1) {
            return label(campaignNumbers.get(0));
        }
        List<String> labels = campaignNumbers.stream().map(this::label).toList();
        return campaignNumbers.size() + " numbers, spread by lead: " + String.join(", ", labels);
    }

    private static String label(SenderNumber n) {
        return n.displayNumber() == null ? n.id() : n.displayNumber();
    }

    private String rate(SenderNumber n) {
        return n.rate() == null ? words(engineRate) + " (the engine's rate)" : words(n.rate());
    }

    /** A rate as "80 messages a second" (or "a minute" below one a second). */
    static String words(RateLimit rate) {
        double perSecond = Views.SenderNumberView.perSecond(rate);
        if (perSecond >= 1) {
            return number(perSecond) + (perSecond == 1 ? " message a second" : " messages a second");
        }
        double perMinute = perSecond * 60;
        return number(perMinute) + (perMinute == 1 ? " message a minute" : " messages a minute");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
