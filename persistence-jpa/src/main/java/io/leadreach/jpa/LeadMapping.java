package io.leadreach.jpa;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the host's own lead entity maps onto LeadReach's {@link io.leadreach.lead.Lead}: which entity
 * class, and which of its attributes hold the id, name, mobile and the rest. Only the id is
 * required; an unmapped field reads as null and a criterion on it matches nothing.
 *
 * <pre>{@code
 * LeadMapping mapping = LeadMapping.forEntity(CrmLead.class)
 *         .id("id").name("fullName").mobile("phone").status("stage").source("source")
 *         .priority("priority").createdAt("createdOn")
 *         .attribute("segment", "segment")
 *         .build();
 * }</pre>
 *
 * Attribute names are the entity's (Java) attribute names, checked against the persistence
 * unit's metamodel when a {@link JpaLeadDirectory} is built, so a typo fails at start-up.
 * Status, source and priority may be strings or enums; dates may be {@code LocalDate} or
 * {@code java.sql.Date}; times may be {@code Instant}, {@code OffsetDateTime},
 * {@code ZonedDateTime}, {@code java.util.Date} or {@code LocalDateTime} (read in
 * {@link Builder#localTimeZone}, UTC by default); the time zone may be a {@code ZoneId} or a zone id
 * string.
 */
public final class LeadMapping {

    /** The fields of {@link io.leadreach.lead.Lead} an entity attribute can supply. */
    public enum Field {
        ID, LEAD_NUMBER, NAME, MOBILE, EMAIL, SOURCE, STATUS, PRIORITY, ASSIGNED_TO, PRODUCT_INTEREST, BIRTHDAY,
        ANNIVERSARY, RENEWAL_DATE, TIME_ZONE, CREATED_AT, LAST_CONTACT_AT, OPTED_OUT
    }

    private final Class<?> entityClass;
    private final Map<Field, String> fields;
    private final Map<String, String> attributes;
    private final ZoneId localTimeZone;

    private LeadMapping(Builder b) {
        this.entityClass = b.entityClass;
        this.fields = Collections.unmodifiableMap(new EnumMap<>(b.fields));
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
        this.localTimeZone = b.localTimeZone;
    }

    /** Starts a mapping of this entity class. */
    public static Builder forEntity(Class<?> entityClass) {
        return new Builder(entityClass);
    }

    public Class<?> entityClass() {
        return entityClass;
    }

    /** The entity attribute for each mapped field. */
    public Map<Field, String> fields() {
        return fields;
    }

    /** The entity attribute for each custom attribute name used in target criteria. */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** The zone a {@code LocalDateTime} attribute is read in. */
    public ZoneId localTimeZone() {
        return localTimeZone;
    }

    /** Builds a {@link LeadMapping}. */
    public static final class Builder {
        private final Class<?> entityClass;
        private final Map<Field, String> fields = new EnumMap<>(Field.class);
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private ZoneId localTimeZone = ZoneOffset.UTC;

        private Builder(Class<?> entityClass) {
            this.entityClass = Objects.requireNonNull(entityClass, "entityClass");
        }

        /** Maps a field to the entity attribute of this name. */
        public Builder map(Field field, String attribute) {
            Objects.requireNonNull(field, "field");
            if (attribute == null || attribute.isBlank()) {
                throw new IllegalArgumentException("the attribute for " + field + " must not be blank");
            }
            fields.put(field, attribute);
            return this;
        }

        public Builder id(String attribute) { return map(Field.ID, attribute); }
        public Builder leadNumber(String attribute) { return map(Field.LEAD_NUMBER, attribute); }
        public Builder name(String attribute) { return map(Field.NAME, attribute); }
        public Builder mobile(String attribute) { return map(Field.MOBILE, attribute); }
        public Builder email(String attribute) { return map(Field.EMAIL, attribute); }
        public Builder source(String attribute) { return map(Field.SOURCE, attribute); }
        public Builder status(String attribute) { return map(Field.STATUS, attribute); }
        public Builder priority(String attribute) { return map(Field.PRIORITY, attribute); }
        public Builder assignedTo(String attribute) { return map(Field.ASSIGNED_TO, attribute); }
        public Builder productInterest(String attribute) { return map(Field.PRODUCT_INTEREST, attribute); }
        public Builder birthday(String attribute) { return map(Field.BIRTHDAY, attribute); }
        public Builder anniversary(String attribute) { return map(Field.ANNIVERSARY, attribute); }
        public Builder renewalDate(String attribute) { return map(Field.RENEWAL_DATE, attribute); }
        public Builder timeZone(String attribute) { return map(Field.TIME_ZONE, attribute); }
        public Builder createdAt(String attribute) { return map(Field.CREATED_AT, attribute); }
        public Builder lastContactAt(String attribute) { return map(Field.LAST_CONTACT_AT, attribute); }
        public Builder optedOut(String attribute) { return map(Field.OPTED_OUT, attribute); }

        /** Maps the custom attribute {@code name} of target criteria to an entity attribute. */
        public Builder attribute(String name, String attribute) {
            Objects.requireNonNull(name, "name");
            if (attribute == null || attribute.isBlank()) {
                throw new IllegalArgumentException("the attribute for custom attribute " + name + " must not be blank");
            }
            attributes.put(name, attribute);
            return this;
        }

        /** The zone {@code LocalDateTime} attributes are read in (UTC by default). */
        public Builder localTimeZone(ZoneId zone) {
            localTimeZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        public LeadMapping build() {
            if (!fields.containsKey(Field.ID)) {
                throw new IllegalArgumentException("a lead mapping needs the id attribute");
            }
            return new LeadMapping(this);
        }
    }
}
