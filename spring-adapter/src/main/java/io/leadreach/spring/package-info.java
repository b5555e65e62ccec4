/**
 * The Spring Boot starter: {@code leadreach.*} properties, auto-configuration of the core, the
 * WhatsApp transport (or its in-process sandbox), the REST API and webhook endpoint, and the
 * mapping of Spring Security authorities onto LeadReach permissions. Hosts replace any bean by
 * defining their own.
 */
package io.leadreach.spring;
