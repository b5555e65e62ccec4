package io.leadreach;

import java.util.List;

/**
 * The answer to a bulk send: for a few leads, one {@link SendResult} per lead at once; for more,
 * the id of a background job whose progress {@link LeadWhatsAppService#getJobProgress} reports.
 *
 * @param results per-lead results (empty for a job)
 * @param jobId   the job's id, or null when answered at once
 */
public record BulkSendResult(List<SendResult> results, Long jobId) {

    public BulkSendResult {
        results = List.copyOf(results);
    }

    public static BulkSendResult immediate(List<SendResult> results) {
        return new BulkSendResult(results, null);
    }

    public static BulkSendResult job(long jobId) {
        return new BulkSendResult(List.of(), jobId);
    }

    /** Whether the send runs in the background. */
    public boolean isJob() {
        return jobId != null;
    }
}
