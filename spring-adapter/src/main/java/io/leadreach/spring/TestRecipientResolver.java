package io.leadreach.spring;

import io.leadreach.security.Actor;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the acting user's own WhatsApp number, to which a test send
 * ({@code POST /leads/whatsapp/campaigns/test-send}) goes. The default reads
 * {@code leadreach.ui.test-recipients.<user name>}; define a bean of your own to read it from your
 * user directory instead.
 */
@FunctionalInterface
public interface TestRecipientResolver {

    /** The user's own number (E.164, such as {@code +15555550123}), or empty when none is known. */
    Optional<String> resolve(Actor actor);

    /** Numbers by actor id (the user name), as {@code leadreach.ui.test-recipients} holds them. */
    static TestRecipientResolver fromMap(Map<String, String> numbersByUser) {
        Map<String, String> copy = Map.copyOf(numbersByUser);
        return actor -> Optional.ofNullable(copy.get(actor.id())).map(String::strip).filter(s -> !s.isEmpty());
    }
}
