package io.leadreach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A host CRM's own lead entity, with its own names, as a {@link JpaLeadDirectory} meets it. */
@Entity(name = "CrmLead")
@Table(name = "test_crm_leads")
public class CrmLead {

    /** The CRM's priorities. */
    public enum Priority { LOW, MEDIUM, HIGH }

    @Id
    Long id;
    @Column(name = "full_name")
    String fullName;
    String phone;
    String email;
    String stage;
    @Column(name = "lead_source")
    String source;
    @Enumerated(EnumType.STRING)
    Priority priority;
    @Column(name = "created_on")
    Instant createdOn;
    @Column(name = "birth_date")
    LocalDate birthDate;
    @Column(name = "tz")
    String tz;
    @Column(name = "wedding_day")
    LocalDate weddingDay;
    @Column(name = "renews_on")
    LocalDate renewsOn;
    @Column(name = "last_contacted")
    Instant lastContacted;
    @Column(name = "do_not_contact")
    boolean doNotContact;
    String segment;

    protected CrmLead() {
    }

    CrmLead(long id, String fullName, String phone, String stage, String source, Priority priority, Instant createdOn,
            String segment) {
        this.id = id;
        this.fullName = fullName;
        this.phone = phone;
        this.stage = stage;
        this.source = source;
        this.priority = priority;
        this.createdOn = createdOn;
        this.segment = segment;
        this.tz = "Asia/Kolkata";
    }

    /** Sets the dates automation criteria read, and the time zone when the lead has one. */
    CrmLead dates(io.leadreach.lead.Lead l) {
        this.birthDate = l.birthday();
        this.weddingDay = l.anniversary();
        this.renewsOn = l.renewalDate();
        this.lastContacted = l.lastContactAt();
        if (l.timeZone() != null) {
            this.tz = l.timeZone().getId();
        }
        return this;
    }
}
