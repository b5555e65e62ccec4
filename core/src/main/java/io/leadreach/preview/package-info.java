/**
 * Campaign preview and estimates before a campaign runs: how many leads match, the message as a
 * lead will see it, how many recipients will be skipped and why, how long the send will take and
 * what it will cost by a user-loaded {@link io.leadreach.analytics.RateCard}.
 */
package io.leadreach.preview;
