/**
 * How sends are paced and retried: token-bucket rate limits by key, retry policies with backoff
 * and jitter, quiet hours in the lead's time zone, the work queue the engine runs on, and job
 * progress.
 */
package io.leadreach.sending;
