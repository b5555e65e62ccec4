package io.leadreach.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A transport for several sender numbers: hands each message to the transport of the number it is
 * sent {@linkplain OutboundMessage#from() from} (keyed by each transport's {@link #senderId()}); a
 * message that names no number goes to the first. A message from a number it does not know is
 * rejected as a {@link ErrorClass#CONFIGURATION} error (code {@value #UNKNOWN_SENDER}) without
 * reaching any provider.
 */
public final class SenderRoutingTransport implements WhatsAppTransport, AutoCloseable {

    /** The code of the rejection of a message from an unknown number. */
    public static final String UNKNOWN_SENDER = "leadreach.unknown_sender";

    private final Map<String, WhatsAppTransport> bySender;
    private final WhatsAppTransport first;

    private SenderRoutingTransport(Map<String, WhatsAppTransport> bySender) {
        this.bySender = bySender;
        this.first = bySender.values().iterator().next();
    }

    /**
     * Routes to these transports, one a number; the first is the default.
     *
     * @throws IllegalArgumentException when none is given or two send from the same number
     */
    public static SenderRoutingTransport of(List<? extends WhatsAppTransport> transports) {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        Map<String, WhatsAppTransport> map = new LinkedHashMap<>();
        for (WhatsAppTransport t : transports) {
            Objects.requireNonNull(t, "transport");
            if (map.putIfAbsent(t.senderId(), t) != null) {
                throw new IllegalArgumentException("two transports send from number " + t.senderId());
            }
        }
        return new SenderRoutingTransport(map);
    }

    @Override
    public CompletionStage<SendOutcome> send(OutboundMessage message) {
        WhatsAppTransport t = message.from() == null ? first : bySender.get(message.from());
        if (t == null) {
            return CompletableFuture.completedFuture(new SendOutcome.Rejected(ErrorClass.CONFIGURATION, UNKNOWN_SENDER,
                    "no transport sends from number " + message.from(), null, null));
        }
        return t.send(message);
    }

    /** The default number's id. */
    @Override
    public String senderId() {
        return first.senderId();
    }

    /** The transport of this number, or null. */
    public WhatsAppTransport transportOf(String senderId) {
        return bySender.get(senderId);
    }

    /** The numbers routed, the default first. */
    public List<String> senderIds() {
        return List.copyOf(bySender.keySet());
    }

    /**
     * Closes each transport that is {@link AutoCloseable}, all of them even when one fails; the
     * first failure is thrown with the others suppressed.
     */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (WhatsAppTransport t : bySender.values()) {
            if (t instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
