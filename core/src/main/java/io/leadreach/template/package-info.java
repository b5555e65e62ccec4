/**
 * Message templates: the library's own templates with {@code {name}}-style variables rendered by
 * Mustache.java, and their optional binding to a provider-approved WhatsApp template.
 */
package io.leadreach.template;
