/** Runnable examples of embedding LeadReach. */
package io.leadreach.examples;
