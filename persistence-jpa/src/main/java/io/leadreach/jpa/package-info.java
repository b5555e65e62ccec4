/**
 * Durable LeadReach stores on Jakarta Persistence: {@link io.leadreach.jpa.JpaCampaignStore},
 * {@link io.leadreach.jpa.JpaMessageStore}, {@link io.leadreach.jpa.JpaTemplateStore} and
 * {@link io.leadreach.jpa.JpaConsentStore}, with the Flyway migrations of their tables
 * ({@link io.leadreach.jpa.LeadReachJpa#migrate}); and {@link io.leadreach.jpa.JpaLeadDirectory},
 * which reads the host CRM's own lead entity through a {@link io.leadreach.jpa.LeadMapping}. Tested with Hibernate ORM 7 on PostgreSQL,
 * MariaDB and H2; the module itself depends only on the Jakarta Persistence API, so the host
 * chooses (and brings) the provider.
 */
package io.leadreach.jpa;
