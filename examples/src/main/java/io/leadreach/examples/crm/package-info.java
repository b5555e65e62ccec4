/**
 * The demo CRM: a small Spring Boot application with its own leads and customers that embeds the
 * LeadReach starter. It runs on an H2 file database and the in-process WhatsApp simulator by
 * default (no credentials), whose status and reply webhooks come back, signed, to the app's own
 * webhook endpoint. Start it with {@code mvn -q -pl examples spring-boot:run}; add
 * {@code -Dspring-boot.run.arguments=--demo-campaign} to run one campaign headless and exit.
 */
package io.leadreach.examples.crm;
