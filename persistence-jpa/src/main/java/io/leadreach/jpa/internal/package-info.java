/**
 * The JPA module's machinery, not for hosts to use directly: the entities mapped to LeadReach's
 * tables, the per-call transaction helper, the database {@link io.leadreach.jpa.internal.Dialect}
 * that fills the migrations' placeholders, and a small JSON codec for text columns.
 */
package io.leadreach.jpa.internal;
