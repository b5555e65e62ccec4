package io.leadreach.examples.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A lead of the demo CRM: the CRM's own entity, which LeadReach reads through a
 * {@link io.leadreach.jpa.LeadMapping} (see {@link DemoCrmConfiguration#leadMapping()}).
 */
@Entity
@Table(name = "crm_lead", indexes = {
        @Index(name = "crm_lead_mobile", columnList = "mobile"),
        @Index(name = "crm_lead_status", columnList = "status")})
public class Lead {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "lead_number", nullable = false, unique = true, length = 20)
    private String leadNumber;
    @Column(nullable = false, length = 120)
    private String name;
    /** E.164, such as {@code +12015550123}. */
    @Column(length = 20)
    private String mobile;
    @Column(nullable = false, length = 20)
    private String status;
    @Column(length = 30)
    private String source;
    @Column(length = 10)
    private String priority;
    @Column(name = "assigned_to", length = 40)
    private String assignedTo;
    @Column(name = "product_interest", length = 40)
    private String productInterest;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "time_zone", length = 40)
    private String timeZone;
    private LocalDate birthday;
    private LocalDate anniversary;
    @Column(name = "renewal_date")
    private LocalDate renewalDate;
    @OneToOne(mappedBy = "originalLead")
    private Customer convertedCustomer;

    /** For JPA. */
    protected Lead() {
    }

    /** A new lead. */
    public Lead(String leadNumber, String name, String mobile, String status, String source, String priority,
                String assignedTo, String productInterest, Instant createdAt, String timeZone) {
        this.leadNumber = leadNumber;
        this.name = name;
        this.mobile = mobile;
        this.status = status;
        this.source = source;
        this.priority = priority;
        this.assignedTo = assignedTo;
        this.productInterest = productInterest;
        this.createdAt = createdAt;
        this.timeZone = timeZone;
    }

    /** The id (null until saved). */
    public Long id() {
        return id;
    }

    /** The CRM's lead number, such as {@code L-2026-0042}. */
    public String leadNumber() {
        return leadNumber;
    }

    /** The full name. */
    public String name() {
        return name;
    }

    /** The mobile number in E.164. */
    public String mobile() {
        return mobile;
    }

    /** The pipeline stage: new, contacted, qualified, proposal, negotiation, converted or lost. */
    public String status() {
        return status;
    }

    /** Moves the lead to another stage. */
    public void status(String status) {
        this.status = status;
    }

    /** Where the lead came from. */
    public String source() {
        return source;
    }

    /** low, medium or high. */
    public String priority() {
        return priority;
    }

    /** The user who owns the lead. */
    public String assignedTo() {
        return assignedTo;
    }

    /** What the lead asked about. */
    public String productInterest() {
        return productInterest;
    }

    /** When the lead was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The lead's time zone id (quiet hours are judged in it). */
    public String timeZone() {
        return timeZone;
    }

    /** The birthday, if known. */
    public LocalDate birthday() {
        return birthday;
    }

    /** The wedding or customer anniversary, if known. */
    public LocalDate anniversary() {
        return anniversary;
    }

    /** When the lead's current policy or contract is up for renewal, if known. */
    public LocalDate renewalDate() {
        return renewalDate;
    }

    /** Sets the personal dates. */
    public Lead dates(LocalDate birthday, LocalDate anniversary, LocalDate renewalDate) {
        this.birthday = birthday;
        this.anniversary = anniversary;
        this.renewalDate = renewalDate;
        return this;
    }

    /** The customer this lead became, or null while it is not converted. */
    public Customer convertedCustomer() {
        return convertedCustomer;
    }
}
