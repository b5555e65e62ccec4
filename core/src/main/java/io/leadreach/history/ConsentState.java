package io.leadreach.history;

import java.time.Instant;

/**
 * Whether a lead may be messaged, and why not.
 *
 * @param mobile        the lead's number in E.164 form, or null when it has none that is valid
 * @param optedOut      whether messages to it are refused (by the CRM's flag or the library's consent log)
 * @param optedOutInCrm whether the CRM itself marks the lead opted out
 * @param source        who or what made the latest recorded consent change ({@code keyword}, {@code button},
 *                      {@code error-131050}, a consent event's source...), or null when none was recorded
 * @param changedAt     when that change happened, or null
 */
public record ConsentState(String mobile, boolean optedOut, boolean optedOutInCrm, String source, Instant changedAt) {
}
