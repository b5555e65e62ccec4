package io.leadreach.jpa.internal;

import io.leadreach.lead.ConsentStore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_opt_outs}: the latest consent change of one E.164 number. */
@Entity(name = "LeadWhatsAppOptOut")
@Table(name = "lead_whatsapp_opt_outs")
public class OptOutEntity {

    @Id
    @Column(length = 32)
    String mobile;
    @Column(name = "opted_out", nullable = false)
    boolean optedOut;
    @Column(length = 100)
    String source;
    @Column(name = "changed_at", nullable = false)
    Instant changedAt;

    protected OptOutEntity() {
    }

    public OptOutEntity(String mobile, boolean optedOut, String source, Instant changedAt) {
        this.mobile = mobile;
        this.optedOut = optedOut;
        this.source = source;
        this.changedAt = changedAt;
    }

    public ConsentStore.Consent toConsent() {
        return new ConsentStore.Consent(mobile, optedOut, source, changedAt);
    }
}
