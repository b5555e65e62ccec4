package io.leadreach.examples.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer of the demo CRM: usually converted from a {@link Lead} (then {@link #originalLead()}
 * and {@link #convertedAt()} say which and when), sometimes one that was never a lead.
 */
@Entity
@Table(name = "crm_customer")
public class Customer {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(nullable = false, length = 120)
    private String name;
    @Column(length = 20)
    private String mobile;
    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "converted_from_lead_id", unique = true)
    private Lead originalLead;
    @Column(name = "converted_at")
    private Instant convertedAt;

    /** For JPA. */
    protected Customer() {
    }

    /** A customer converted from this lead at this moment. */
    public static Customer convertedFrom(Lead lead, Instant at) {
        Customer c = new Customer();
        c.originalLead = Objects.requireNonNull(lead, "lead");
        c.name = lead.name();
        c.mobile = lead.mobile();
        c.convertedAt = Objects.requireNonNull(at, "at");
        return c;
    }

    /** A customer who was never a lead. */
    public static Customer of(String name, String mobile) {
        Customer c = new Customer();
        c.update(name, mobile);
        return c;
    }

    /** Changes the name and mobile number. */
    public void update(String name, String mobile) {
        this.name = Objects.requireNonNull(name, "name");
        this.mobile = mobile;
    }

    /** The id (null until saved). */
    public Long id() {
        return id;
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The mobile number in E.164. */
    public String mobile() {
        return mobile;
    }

    /** The lead this customer was converted from ({@code converted_from_lead_id}), or null. */
    public Lead originalLead() {
        return originalLead;
    }

    /** When the lead was converted ({@code converted_at}). */
    public Instant convertedAt() {
        return convertedAt;
    }
}
