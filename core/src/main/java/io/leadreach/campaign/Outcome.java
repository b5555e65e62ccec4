package io.leadreach.campaign;

import io.leadreach.transport.SendOutcome;

/** A send's outcome, waiting to be settled. */
record Outcome(Campaign campaign, Lane lane, Ready send, SendOutcome outcome) {
}
