package io.leadreach.campaign;

import java.time.Instant;
import java.util.Objects;

/**
 * How a recipient held {@link RecipientStatus#IN_DOUBT} was let out, by whom and when. A send whose
 * outcome is unknown is never resent by the engine (the Cloud API takes no idempotency key): when
 * no status webhook ever settles it, an operator decides, and the decision is kept on the recipient.
 *
 * @param kind  what was decided
 * @param actor who decided: the operator's id, or {@value #RECONCILER} for the automatic reconciliation
 * @param at    when
 */
public record InDoubtResolution(Kind kind, String actor, Instant at) {

    /** The actor recorded when the engine reconciles a doubt after the configured time. */
    public static final String RECONCILER = "leadreach:reconciler";

    public InDoubtResolution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }

    /** The decisions. */
    public enum Kind {
        /**
         * An operator judged that the message went out: the recipient becomes SENT (without a
         * provider id) and is never sent again; a late status webhook still moves it forward.
         */
        TREAT_AS_SENT,
        /**
         * An operator chose to send again: the recipient becomes PENDING and the campaign sends it
         * once more. If the first message did reach the lead, the lead gets it twice; that is the
         * operator's decision, recorded here, not the engine's.
         */
        SEND_AGAIN,
        /**
         * The engine found the doubt older than {@code SendingConfig.inDoubtReconcileAfter} and
         * marked the recipient SENT, unconfirmed (as {@link #TREAT_AS_SENT}, by {@value #RECONCILER}).
         */
        SENT_UNCONFIRMED
    }
}
