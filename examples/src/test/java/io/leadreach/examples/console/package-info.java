/**
 * Browser tests of the LeadReach console as the demo CRM embeds it: the campaign builder, the
 * campaign details page with its live figures and Retry failed, the analytics charts, the template
 * manager and the automation rules, in Debian's headless Chromium against the demo app on a random
 * port. Every page they visit is saved to {@code target/screenshots}; the figures on the pages are
 * checked against LeadReach's stores and the WhatsApp simulator.
 */
package io.leadreach.examples.console;
