package io.leadreach.sending;

/**
 * How far a background send has come. The parts always add up to {@code total}.
 *
 * @param jobId     the job (for a bulk send, the id of its BULK campaign)
 * @param state     the campaign status name: ACTIVE, PAUSED, COMPLETED, CANCELLED, ...
 * @param total     recipients in all
 * @param sent      accepted by the provider (including delivered and read)
 * @param failed    failed for good
 * @param skipped   not sent, with a reason (opted out, invalid number, ...)
 * @param cancelled cancelled before sending
 * @param inDoubt   sent or not, unknown until a status event says
 * @param pending   not yet settled
 */
public record JobProgress(long jobId, String state, long total, long sent, long failed, long skipped,
                          long cancelled, long inDoubt, long pending) {

    /** Whether nothing is left to do. */
    public boolean isFinished() {
        return pending == 0 && !"ACTIVE".equals(state) && !"SCHEDULED".equals(state) && !"DRAFT".equals(state);
    }

    /** The share settled so far, 0 to 1. */
    public double fractionDone() {
        return total == 0 ? 1.0 : (double) (total - pending) / total;
    }
}
