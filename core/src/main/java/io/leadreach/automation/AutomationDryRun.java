package io.leadreach.automation;

import java.util.List;
import java.util.Objects;

/**
 * What one rule (saved or being edited) would do if it ran now: the leads it is due for, a sample
 * of the messages they would get, and the leads left out. Nothing is recorded or sent.
 *
 * @param leads        the leads that would get a message
 * @param sample       the first of those messages, at most the limit asked for, in lead order
 * @param optedOut     due leads left out because they opted out
 * @param alreadyFired due leads left out because the saved rule already fired for this occurrence
 * @param eventDriven  whether the rule fires on reported status changes only (STATUS_CHANGED), so no
 *                     lead is due at any given time and the figures are all zero
 */
public record AutomationDryRun(long leads, List<AutomationPreview> sample, long optedOut, long alreadyFired,
                               boolean eventDriven) {

    public AutomationDryRun {
        sample = List.copyOf(Objects.requireNonNull(sample, "sample"));
    }

    /** Whether the sample holds every lead that would get a message. */
    public boolean complete() {
        return sample.size() == leads;
    }
}
