/**
 * Implementation details of the Cloud API adapter: the pooled asynchronous HTTP exchange that
 * knows whether a request was written before it failed, JSON payload building, the mapping of
 * Meta's error codes onto core's error classes, the media-id cache and media rules (which the
 * simulator in {@link io.leadreach.whatsapp.simulator} checks uploads by too). Nothing here is API:
 * it may change in any release.
 */
package io.leadreach.whatsapp.internal;
