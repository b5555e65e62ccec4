package io.leadreach.spring.internal;

import io.leadreach.security.Permission;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import java.util.List;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The business numbers the engine sends from, read-only: what a campaign may name in
 * {@code senderNumbers}. Needs {@code lead-whatsapp-campaign-create} or
 * {@code lead-whatsapp-campaign-view} (checked here and by the security chain).
 */
@RestController
public class SenderNumberController {

    private final SenderNumbers senders;
    private final Actors actors;

    /** The controller over the engine's registry of numbers. */
    public SenderNumberController(SenderNumbers senders, Actors actors) {
        this.senders = Objects.requireNonNull(senders, "senders");
        this.actors = Objects.requireNonNull(actors, "actors");
    }

    /** Every registered number, the default one first. */
    @GetMapping(Routes.SENDER_NUMBERS)
    public List<Views.SenderNumberView> list() {
        actors.current().requireAny(Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW);
        SenderNumber first = senders.defaultNumber();
        return senders.all().stream().map(n -> Views.SenderNumberView.of(n, n.equals(first))).toList();
    }
}
