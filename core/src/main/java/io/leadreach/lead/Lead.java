package io.leadreach.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * A lead as the host CRM holds it. LeadReach reads leads through a {@link LeadDirectory}; it never
 * owns or changes them. Every field but {@code id} may be null when the CRM does not know it.
 *
 * @param id              the CRM's id for the lead
 * @param leadNumber      the CRM's human-facing number (e.g. {@code L-000123})
 * @param name            the lead's name
 * @param mobile          the mobile number as the CRM stores it; normalised to E.164 before any send
 * @param email           e-mail address
 * @param source          where the lead came from (web, referral, ...)
 * @param status          the CRM's pipeline status (new, contacted, qualified, ...)
 * @param priority        the CRM's priority (low, medium, high, ...)
 * @param assignedTo      the user the lead is assigned to
 * @param productInterest what the lead is interested in
 * @param birthday        date of birth
 * @param anniversary     an anniversary date
 * @param renewalDate     the next renewal date
 * @param timeZone        the lead's time zone (quiet hours are judged in it); null means the configured default
 * @param createdAt       when the lead was created in the CRM
 * @param lastContactAt   when the CRM last contacted the lead
 * @param optedOut        whether the CRM itself records an opt-out (honoured besides the library's own consent log)
 * @param attributes      custom attributes for target filters, by name
 */
public record Lead(long id, String leadNumber, String name, String mobile, String email, String source,
                   String status, String priority, String assignedTo, String productInterest,
                   LocalDate birthday, LocalDate anniversary, LocalDate renewalDate, ZoneId timeZone,
                   Instant createdAt, Instant lastContactAt, boolean optedOut, Map<String, String> attributes) {

    public Lead {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A builder for a lead with this id. */
    public static Builder builder(long id) {
        return new Builder(id);
    }

    /** A builder that starts from this lead. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.leadNumber = leadNumber;
        b.name = name;
        b.mobile = mobile;
        b.email = email;
        b.source = source;
        b.status = status;
        b.priority = priority;
        b.assignedTo = assignedTo;
        b.productInterest = productInterest;
        b.birthday = birthday;
        b.anniversary = anniversary;
        b.renewalDate = renewalDate;
        b.timeZone = timeZone;
        b.createdAt = createdAt;
        b.lastContactAt = lastContactAt;
        b.optedOut = optedOut;
        b.attributes = attributes;
        return b;
    }

    /** Builds {@link Lead}s; only the id is required. */
    public static final class Builder {
        private final long id;
        private String leadNumber;
        private String name;
        private String mobile;
        private String email;
        private String source;
        private String status;
        private String priority;
        private String assignedTo;
        private String productInterest;
        private LocalDate birthday;
        private LocalDate anniversary;
        private LocalDate renewalDate;
        private ZoneId timeZone;
        private Instant createdAt;
        private Instant lastContactAt;
        private boolean optedOut;
        private Map<String, String> attributes = Map.of();

        private Builder(long id) {
            this.id = id;
        }

        public Builder leadNumber(String v) { this.leadNumber = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder mobile(String v) { this.mobile = v; return this; }
        public Builder email(String v) { this.email = v; return this; }
        public Builder source(String v) { this.source = v; return this; }
        public Builder status(String v) { this.status = v; return this; }
        public Builder priority(String v) { this.priority = v; return this; }
        public Builder assignedTo(String v) { this.assignedTo = v; return this; }
        public Builder productInterest(String v) { this.productInterest = v; return this; }
        public Builder birthday(LocalDate v) { this.birthday = v; return this; }
        public Builder anniversary(LocalDate v) { this.anniversary = v; return this; }
        public Builder renewalDate(LocalDate v) { this.renewalDate = v; return this; }
        public Builder timeZone(ZoneId v) { this.timeZone = v; return this; }
        public Builder createdAt(Instant v) { this.createdAt = v; return this; }
        public Builder lastContactAt(Instant v) { this.lastContactAt = v; return this; }
        public Builder optedOut(boolean v) { this.optedOut = v; return this; }
        public Builder attributes(Map<String, String> v) { this.attributes = Objects.requireNonNull(v); return this; }

        public Lead build() {
            return new Lead(id, leadNumber, name, mobile, email, source, status, priority, assignedTo,
                    productInterest, birthday, anniversary, renewalDate, timeZone, createdAt, lastContactAt,
                    optedOut, attributes);
        }
    }
}
