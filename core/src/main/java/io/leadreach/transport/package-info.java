/**
 * The transport SPI: what a WhatsApp provider implements so the engine can send through it.
 * Outcomes are typed ({@link io.leadreach.transport.SendOutcome}); provider error codes are
 * mapped onto {@link io.leadreach.transport.ErrorClass} by the transport, so the engine's retry,
 * pause and opt-out decisions do not depend on any one provider.
 */
package io.leadreach.transport;
