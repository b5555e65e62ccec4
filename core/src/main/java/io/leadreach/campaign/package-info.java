/**
 * Campaigns: what to send to whom and when, their recipients, the store port that makes sending
 * crash-safe (claim, mark sending, settle), and the engine ({@link io.leadreach.campaign.CampaignRunner}).
 */
package io.leadreach.campaign;
