package io.leadreach.whatsapp;

import io.leadreach.campaign.RecipientStatus;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import io.leadreach.whatsapp.FaultyCloudApi.Answer;
import io.leadreach.whatsapp.FaultyCloudApi.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fault classes the Cloud API suites inject ({@link CloudApiTransportFaultTest} against the
 * transport alone, {@link CloudApiFaultSuiteTest} through the engine), each with what must come
 * of it: the outcome the transport returns for the first faulty answer, and the recipient's end
 * state and the number of requests the server sees for it when the engine sends a campaign.
 *
 * <p>Every error code of the table in WHATSAPP.md is here (seven of the 132000–132016 range),
 * each under the HTTP status Meta uses for it and under the others Meta has been seen to use
 * (400, 429, 500, 503): the code decides, not the status.
 */
final class CloudApiFaults {

    /** The transport's response timeout in both suites. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1_000);
    /** The campaign's attempts per recipient for retryable errors. */
    static final int MAX_ATTEMPTS = 3;
    /**
     * The attempts the engine gives a recipient refused only for rate limits
     * (RetryPolicy.rateLimitedAttempts, by default RetryPolicy.DEFAULT_RATE_LIMITED_ATTEMPTS).
     */
    static final int RATE_LIMITED_ATTEMPTS = 10;

    /** The statuses Meta has been seen to answer errors with, whatever the code. */
    private static final List<Integer> UNRELIABLE_STATUSES = List.of(400, 429, 500, 503);

    private CloudApiFaults() {
    }

    /** What the transport returns for the first faulty answer. */
    record Expect(Class<? extends SendOutcome> outcome, ErrorClass errorClass, String reasonContains) {
        static Expect accepted() {
            return new Expect(SendOutcome.Accepted.class, null, null);
        }

        static Expect rejected(ErrorClass errorClass) {
            return new Expect(SendOutcome.Rejected.class, errorClass, null);
        }

        static Expect unknown(String reasonContains) {
            return new Expect(SendOutcome.Unknown.class, null, reasonContains);
        }
    }

    /**
     * One fault class.
     *
     * @param name      how the reports name it
     * @param code      the Graph error code it injects, or null
     * @param variants  the faulty answer, in each of its variants (an error code under each status)
     * @param failures  how many requests get the faulty answer before one is accepted; -1: all
     * @param transport what the transport returns for the faulty answer
     * @param end       the recipient's end state after the campaign (after the 24 h wait for MARKETING_CAP)
     * @param requests  requests the server sees for the recipient by then
     * @param pauses    whether the fault pauses the campaign
     * @param optsOut   whether the fault records an opt-out
     * @param waitsADay whether the retry must wait 24 hours
     */
    record Fault(String name, Integer code, List<Answer> variants, int failures, Expect transport, RecipientStatus end,
                 int requests, boolean pauses, boolean optsOut, boolean waitsADay) {

        /** The recipient's script, with the variant at {@code variant} (modulo their number). */
        Script script(int variant) {
            Answer answer = variants.get(Math.floorMod(variant, variants.size()));
            return failures < 0 ? Script.always(answer) : Script.times(failures, answer);
        }

        Fault pausing() {
            return new Fault(name, code, variants, failures, transport, end, requests, true, optsOut, waitsADay);
        }

        Fault optingOut() {
            return new Fault(name, code, variants, failures, transport, end, requests, pauses, true, waitsADay);
        }

        Fault waitingADay() {
            return new Fault(name, code, variants, failures, transport, end, requests, pauses, optsOut, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** All of them. */
    static List<Fault> all() {
        List<Fault> f = new ArrayList<>();
        // Retry with backoff; a rate limit backs off 1 s, 2 s, 4 s ... over 10 attempts (minutes), so
        // only passing ones are injected: a lasting one would not finish within the suite's bound.
        for (int code : new int[] {130429, 4, 80007}) {
            f.add(code(code, ErrorClass.RATE_LIMITED, 1, RecipientStatus.SENT, 2, code == 130429 ? 429 : 400));
        }
        f.add(code(131056, ErrorClass.PAIR_RATE_LIMITED, 2, RecipientStatus.SENT, 3, 400));
        f.add(code(131056, ErrorClass.PAIR_RATE_LIMITED, -1, RecipientStatus.FAILED, RATE_LIMITED_ATTEMPTS, 400));
        for (int code : new int[] {131000, 131016, 131057, 1, 2}) {
            int status = code == 131000 || code == 1 ? 500 : 503;
            f.add(code(code, ErrorClass.RETRYABLE, 1, RecipientStatus.SENT, 2, status));
            f.add(code(code, ErrorClass.RETRYABLE, -1, RecipientStatus.FAILED, MAX_ATTEMPTS, status));
        }
        // Never retried: one request each.
        f.add(code(131048, ErrorClass.QUALITY_PAUSE, -1, RecipientStatus.FAILED, 1, 400).pausing());
        f.add(code(131049, ErrorClass.MARKETING_CAP, 1, RecipientStatus.SENT, 2, 400).waitingADay());
        f.add(code(131050, ErrorClass.OPTED_OUT, -1, RecipientStatus.FAILED, 1, 400).optingOut());
        f.add(code(131047, ErrorClass.OUTSIDE_SERVICE_WINDOW, -1, RecipientStatus.FAILED, 1, 400));
        for (int code : new int[] {131026, 131051, 131053, 132000, 132001, 132005, 132007, 132012, 132015, 132016}) {
            f.add(code(code, ErrorClass.PERMANENT, -1, RecipientStatus.FAILED, 1, 400));
        }
        for (int code : new int[] {100, 190, 368, 131031, 131042}) {
            f.add(code(code, ErrorClass.CONFIGURATION, -1, RecipientStatus.FAILED, 1,
                    code == 190 ? 401 : code == 368 || code == 131031 ? 403 : 400).pausing());
        }
        // HTTP errors without a Graph error body: judged by the status.
        String html = "<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>";
        f.add(plain("HTTP 500, empty body, once", Answer.status(500, "text/plain", ""), 1,
                Expect.rejected(ErrorClass.RETRYABLE), RecipientStatus.SENT, 2));
        f.add(plain("HTTP 502, HTML, once", Answer.status(502, "text/html", html), 1,
                Expect.rejected(ErrorClass.RETRYABLE), RecipientStatus.SENT, 2));
        f.add(plain("HTTP 503, HTML, always", Answer.status(503, "text/html", html), -1,
                Expect.rejected(ErrorClass.RETRYABLE), RecipientStatus.FAILED, MAX_ATTEMPTS));
        f.add(plain("HTTP 429, empty body, once", Answer.status(429, "text/plain", ""), 1,
                Expect.rejected(ErrorClass.RATE_LIMITED), RecipientStatus.SENT, 2));
        // Outcome unknown: held in doubt, one request, never resent.
        f.add(plain("200, malformed JSON", Answer.status(200, "application/json",
                        "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.HBg"), -1,
                Expect.unknown("without a message id"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("200 without messages[].id", Answer.status(200, "application/json",
                        "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                                + "\"messages\":[{\"message_status\":\"accepted\"}]}"), -1,
                Expect.unknown("without a message id"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("200 with messages: []", Answer.status(200, "application/json",
                        "{\"messaging_product\":\"whatsapp\",\"messages\":[]}"), -1,
                Expect.unknown("without a message id"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("reset after the request was read", Answer.resetAfterRead(), -1,
                Expect.unknown("after the request was written"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("no answer (timeout)", Answer.noAnswer(), -1,
                Expect.unknown("response timeout"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("slow answer, over the timeout", Answer.slow(RESPONSE_TIMEOUT.multipliedBy(3)), -1,
                Expect.unknown("response timeout"), RecipientStatus.IN_DOUBT, 1));
        f.add(plain("slow answer, under the timeout", Answer.slow(RESPONSE_TIMEOUT.dividedBy(4)), -1,
                Expect.accepted(), RecipientStatus.SENT, 1));
        return Collections.unmodifiableList(f);
    }

    /** A Graph error code, under its usual status first and then each of the others Meta uses. */
    private static Fault code(int code, ErrorClass errorClass, int failures, RecipientStatus end, int requests,
                              int usualStatus) {
        Set<Integer> statuses = new LinkedHashSet<>();
        statuses.add(usualStatus);
        statuses.addAll(UNRELIABLE_STATUSES);
        List<Answer> variants = new ArrayList<>();
        for (int status : statuses) {
            variants.add(Answer.graphError(status, code));
        }
        String name = "#" + code + " " + errorClass + (failures < 0 ? ", always" : failures == 1 ? ", once" : ", " + failures
                + " times");
        return new Fault(name, code, List.copyOf(variants), failures, Expect.rejected(errorClass), end, requests,
                false, false, false);
    }

    private static Fault plain(String name, Answer answer, int failures, Expect transport, RecipientStatus end,
                               int requests) {
        return new Fault(name, null, List.of(answer), failures, transport, end, requests, false, false, false);
    }
}
