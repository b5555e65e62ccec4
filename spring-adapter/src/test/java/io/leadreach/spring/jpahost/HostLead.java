package io.leadreach.spring.jpahost;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A host CRM's own lead entity, in the host's persistence unit. */
@Entity
@Table(name = "host_lead")
public class HostLead {

    @Id
    private Long id;
    private String fullName;
    private String phone;
    private String stage;
    private Instant createdOn;

    protected HostLead() {
    }

    public HostLead(Long id, String fullName, String phone, String stage, Instant createdOn) {
        this.id = id;
        this.fullName = fullName;
        this.phone = phone;
        this.stage = stage;
        this.createdOn = createdOn;
    }

    public Long getId() {
        return id;
    }
}
