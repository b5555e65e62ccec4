/**
 * The WhatsApp Business Cloud API adapter: {@link io.leadreach.whatsapp.CloudApiTransport} sends
 * text, media and template messages through Meta's Graph API and implements core's transport SPI;
 * {@link io.leadreach.whatsapp.WebhookVerifier} and {@link io.leadreach.whatsapp.WebhookParser}
 * turn signed webhook deliveries into core tracking events; {@link io.leadreach.whatsapp.TemplateSync}
 * lists the approved templates. The local stand-in for the Cloud API that tests, benchmarks and
 * sandboxes send to is in {@link io.leadreach.whatsapp.simulator}.
 */
package io.leadreach.whatsapp;
