/**
 * The console's machinery: the JTE renderer with its security headers, the per-request
 * {@link io.leadreach.spring.ui.internal.UiContext} (base path under a context path or a proxy's
 * {@code X-Forwarded-Prefix}, the CSRF token, the user's permissions), the asset routes, and the
 * page controllers that answer {@code text/html} at the API's own paths. Nothing here is API.
 */
package io.leadreach.spring.ui.internal;
