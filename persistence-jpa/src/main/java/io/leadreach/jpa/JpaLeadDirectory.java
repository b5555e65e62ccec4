package io.leadreach.jpa;

import io.leadreach.jpa.LeadMapping.Field;
import io.leadreach.jpa.internal.Tx;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.LocalDayMatch;
import io.leadreach.lead.TargetCriteria;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.LocalDateField;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link LeadDirectory} over the host CRM's own lead entity, read through a {@link LeadMapping}.
 * It only reads: target criteria become a JPA Criteria query on the host's entity, pages are keyset
 * pages on the id ({@code WHERE id > :after ORDER BY id}), and only the mapped attributes are
 * selected. The mapping is checked against the metamodel when the directory is built: an attribute
 * the entity lacks, or of a type the directory cannot read, fails at once with a message that
 * names it.
 *
 * <p>Statuses, sources and priorities compare ignoring case ({@code lower(x) in (...)}, or the
 * matching constants for an enum attribute). A custom attribute the mapping does not name matches
 * no lead. {@link #findByMobile} matches leads whose stored mobile is the E.164 number, with or
 * without its leading {@code +}. Each call runs in its own short read transaction.
 *
 * <p>Birthday and anniversary criteria depend on each lead's own time zone: the query narrows to
 * the month-days that are today somewhere on Earth ({@code extract(month/day from ...)}), and the
 * candidates are checked exactly in Java ({@link TargetCriteria#matchesLocalDays}) before they are
 * counted or returned, still page by page.
 */
public final class JpaLeadDirectory implements LeadDirectory {

    private static final Set<Class<?>> INSTANT_TYPES = Set.of(Instant.class, OffsetDateTime.class,
            ZonedDateTime.class, LocalDateTime.class, java.util.Date.class, java.sql.Timestamp.class);
    private static final Set<Class<?>> DATE_TYPES = Set.of(LocalDate.class, java.sql.Date.class);

    private final Tx tx;
    private final LeadMapping mapping;
    private final Class<?> entity;
    private final Map<Field, Class<?>> types = new EnumMap<>(Field.class);
    private final Map<String, Class<?>> attributeTypes = new LinkedHashMap<>();

    /**
     * A directory over the entity the mapping names, in this factory's persistence unit.
     *
     * @throws IllegalArgumentException when the class is not an entity of the unit, or it lacks a
     *                                  mapped attribute, or an attribute's type cannot be read
     */
    public JpaLeadDirectory(EntityManagerFactory entityManagerFactory, LeadMapping mapping) {
        this.tx = new Tx(entityManagerFactory);
        this.mapping = mapping;
        this.entity = mapping.entityClass();
        EntityType<?> type;
        try {
            type = entityManagerFactory.getMetamodel().entity(entity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LeadReach lead mapping: " + entity.getName()
                    + " is not an entity of this persistence unit", e);
        }
        mapping.fields().forEach((field, attribute) -> types.put(field, check(type, attribute, field.name(), field)));
        mapping.attributes().forEach((name, attribute) ->
                attributeTypes.put(name, check(type, attribute, "custom attribute '" + name + "'", null)));
    }

    private Class<?> check(EntityType<?> type, String attribute, String what, Field field) {
        Attribute<?, ?> a;
        try {
            a = type.getAttribute(attribute);
        } catch (IllegalArgumentException e) {
            Set<String> names = new TreeSet<>();
            type.getAttributes().forEach(x -> names.add(x.getName()));
            throw new IllegalArgumentException("LeadReach lead mapping: " + entity.getSimpleName()
                    + " has no attribute '" + attribute + "' (mapped as " + what + "); its attributes are " + names, e);
        }
        Class<?> javaType = box(a.getJavaType());
        boolean ok = field == null ? true : switch (field) {
            case ID -> Number.class.isAssignableFrom(javaType);
            case STATUS, SOURCE, PRIORITY -> javaType == String.class || javaType.isEnum();
            case BIRTHDAY, ANNIVERSARY, RENEWAL_DATE -> DATE_TYPES.contains(javaType);
            case CREATED_AT, LAST_CONTACT_AT -> INSTANT_TYPES.contains(javaType);
            case TIME_ZONE -> javaType == String.class || ZoneId.class.isAssignableFrom(javaType);
            case OPTED_OUT -> javaType == Boolean.class;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("LeadReach lead mapping: " + entity.getSimpleName() + "."
                    + attribute + " (mapped as " + what + ") has type " + javaType.getName()
                    + ", which the directory cannot read as that field");
        }
        return javaType;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        return c;
    }

    // ------------------------------------------------------------------ port

    @Override
    public Optional<Lead> findById(long id) {
        return findByIds(List.of(id)).stream().findFirst();
    }

    @Override
    public List<Lead> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.call(em -> select(em, (cb, root) -> List.of(idPath(root).in(idValues(ids))), 0));
    }

    @Override
    public long count(TargetCriteria criteria) {
        if (criteria.needsZoneCheck()) {
            long n = 0;
            long after = Long.MIN_VALUE;
            while (true) {
                long cursor = after;
                List<Lead> candidates = tx.call(em -> candidates(em, criteria, cursor, ZONE_CHECK_PAGE));
                for (Lead lead : candidates) {
                    if (criteria.matchesLocalDays(lead)) {
                        n++;
                    }
                }
                if (candidates.size() < ZONE_CHECK_PAGE) {
                    return n;
                }
                after = candidates.get(candidates.size() - 1).id();
            }
        }
        return tx.call(em -> {
            CriteriaBuilder cb = em.getCriteriaBuilder();
            CriteriaQuery<Long> q = cb.createQuery(Long.class);
            Root<?> root = q.from(entity);
            q.select(cb.count(root)).where(matching(cb, root, criteria).toArray(new Predicate[0]));
            return em.createQuery(q).getSingleResult();
        });
    }

    @Override
    public List<Lead> page(TargetCriteria criteria, long afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (criteria.needsZoneCheck()) {
            List<Lead> out = new ArrayList<>(Math.min(limit, 1024));
            long after = afterId;
            while (true) {
                long cursor = after;
                List<Lead> candidates = tx.call(em -> candidates(em, criteria, cursor, ZONE_CHECK_PAGE));
                for (Lead lead : candidates) {
                    if (criteria.matchesLocalDays(lead)) {
                        out.add(lead);
                        if (out.size() == limit) {
                            return out;
                        }
                    }
                }
                if (candidates.size() < ZONE_CHECK_PAGE) {
                    return out;
                }
                after = candidates.get(candidates.size() - 1).id();
            }
        }
        return tx.call(em -> select(em, (cb, root) -> {
            List<Predicate> where = matching(cb, root, criteria);
            where.add(cb.gt(idPath(root), idValue(afterId)));
            return where;
        }, limit));
    }

    @Override
    public List<Lead> findByMobile(String e164) {
        String attribute = mapping.fields().get(Field.MOBILE);
        if (attribute == null || e164 == null) {
            return List.of();
        }
        List<String> forms = e164.startsWith("+") ? List.of(e164, e164.substring(1)) : List.of(e164);
        return tx.call(em -> select(em, (cb, root) -> List.of(root.get(attribute).in(forms)), 0));
    }

    // ------------------------------------------------------------------ queries

    /** How many candidates of a zone-dependent query are read at a time. */
    private static final int ZONE_CHECK_PAGE = 500;

    /** The leads the query part of the criteria matches, above {@code afterId}, before the exact zone check. */
    private List<Lead> candidates(EntityManager em, TargetCriteria criteria, long afterId, int limit) {
        return select(em, (cb, root) -> {
            List<Predicate> where = matching(cb, root, criteria);
            if (afterId != Long.MIN_VALUE) {
                where.add(cb.gt(idPath(root), idValue(afterId)));
            }
            return where;
        }, limit);
    }

    /** Where-clause parts for one query. */
    @FunctionalInterface
    private interface Where {
        List<Predicate> build(CriteriaBuilder cb, Root<?> root);
    }

    private List<Lead> select(EntityManager em, Where where, int limit) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<Tuple> q = cb.createTupleQuery();
        Root<?> root = q.from(entity);
        List<Selection<?>> columns = new ArrayList<>();
        mapping.fields().forEach((field, attribute) -> columns.add(root.get(attribute).alias(field.name())));
        mapping.attributes().forEach((name, attribute) -> columns.add(root.get(attribute).alias("attr_" + name)));
        q.select(cb.tuple(columns)).where(where.build(cb, root).toArray(new Predicate[0])).orderBy(cb.asc(idPath(root)));
        TypedQuery<Tuple> query = em.createQuery(q);
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        List<Lead> out = new ArrayList<>();
        for (Tuple t : query.getResultList()) {
            out.add(toLead(t));
        }
        return out;
    }

    private List<Predicate> matching(CriteriaBuilder cb, Root<?> root, TargetCriteria c) {
        List<Predicate> where = new ArrayList<>();
        if (!c.leadIds().isEmpty()) {
            where.add(idPath(root).in(idValues(c.leadIds())));
        }
        oneOf(cb, root, Field.STATUS, c.statuses(), where);
        oneOf(cb, root, Field.SOURCE, c.sources(), where);
        oneOf(cb, root, Field.PRIORITY, c.priorities(), where);
        if (c.createdFrom() != null || c.createdTo() != null) {
            String attribute = mapping.fields().get(Field.CREATED_AT);
            if (attribute == null) {
                where.add(cb.disjunction());
            } else {
                if (c.createdFrom() != null) {
                    where.add(cb.greaterThanOrEqualTo(comparable(root, attribute),
                            toAttributeTime(Field.CREATED_AT, c.createdFrom())));
                }
                if (c.createdTo() != null) {
                    where.add(cb.lessThan(comparable(root, attribute),
                            toAttributeTime(Field.CREATED_AT, c.createdTo())));
                }
            }
        }
        if (c.lastContactBefore() != null) {
            String attribute = mapping.fields().get(Field.LAST_CONTACT_AT);
            if (attribute == null) {
                if (!c.includeNeverContacted()) {
                    where.add(cb.disjunction());
                }
            } else {
                Predicate before = cb.lessThan(comparable(root, attribute),
                        toAttributeTime(Field.LAST_CONTACT_AT, c.lastContactBefore()));
                where.add(c.includeNeverContacted() ? cb.or(cb.isNull(root.get(attribute)), before) : before);
            }
        }
        localDay(cb, root, Field.BIRTHDAY, c.birthdayOn(), where);
        localDay(cb, root, Field.ANNIVERSARY, c.anniversaryOn(), where);
        if (c.renewalFrom() != null || c.renewalTo() != null) {
            String attribute = mapping.fields().get(Field.RENEWAL_DATE);
            if (attribute == null) {
                where.add(cb.disjunction());
            } else {
                if (c.renewalFrom() != null) {
                    where.add(cb.greaterThanOrEqualTo(comparable(root, attribute), toAttributeDate(c.renewalFrom())));
                }
                if (c.renewalTo() != null) {
                    where.add(cb.lessThanOrEqualTo(comparable(root, attribute), toAttributeDate(c.renewalTo())));
                }
            }
        }
        c.attributes().forEach((name, value) -> {
            String attribute = mapping.attributes().get(name);
            where.add(attribute == null ? cb.disjunction() : cb.equal(root.get(attribute), value));
        });
        return where;
    }

    /**
     * The date attribute's month and day are one of the match's candidate month-days (the exact,
     * zone-aware check follows in Java).
     */
    private void localDay(CriteriaBuilder cb, Root<?> root, Field field, LocalDayMatch match, List<Predicate> where) {
        if (match == null) {
            return;
        }
        String attribute = mapping.fields().get(field);
        if (attribute == null) {
            where.add(cb.disjunction());
            return;
        }
        Path<LocalDate> date = root.get(attribute);
        Expression<Integer> month = cb.extract(LocalDateField.MONTH, date);
        Expression<Integer> day = cb.extract(LocalDateField.DAY, date);
        List<Predicate> any = new ArrayList<>();
        for (MonthDay md : match.candidateMonthDays()) {
            any.add(cb.and(cb.equal(month, md.getMonthValue()), cb.equal(day, md.getDayOfMonth())));
        }
        where.add(cb.or(any.toArray(new Predicate[0])));
    }

    /** A lower-cased {@code in} for string attributes; the matching constants for enum ones. */
    private void oneOf(CriteriaBuilder cb, Root<?> root, Field field, Set<String> lowered, List<Predicate> where) {
        if (lowered.isEmpty()) {
            return;
        }
        String attribute = mapping.fields().get(field);
        if (attribute == null) {
            where.add(cb.disjunction());
            return;
        }
        Class<?> type = types.get(field);
        if (type.isEnum()) {
            List<Object> constants = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                if (lowered.contains(((Enum<?>) constant).name().toLowerCase(Locale.ROOT))) {
                    constants.add(constant);
                }
            }
            where.add(constants.isEmpty() ? cb.disjunction() : root.get(attribute).in(constants));
        } else {
            where.add(cb.lower(root.<String>get(attribute)).in(lowered));
        }
    }

    private Path<Comparable<Object>> comparable(Root<?> root, String attribute) {
        return root.get(attribute);
    }

    /** The date as a value of the renewal-date attribute's type. */
    @SuppressWarnings("unchecked")
    private Comparable<Object> toAttributeDate(LocalDate date) {
        Object v = types.get(Field.RENEWAL_DATE) == java.sql.Date.class ? java.sql.Date.valueOf(date) : date;
        return (Comparable<Object>) v;
    }

    /** The instant as a value of this time attribute's type. */
    @SuppressWarnings("unchecked")
    private Comparable<Object> toAttributeTime(Field field, Instant at) {
        Class<?> type = types.get(field);
        Object v;
        if (type == Instant.class) {
            v = at;
        } else if (type == OffsetDateTime.class) {
            v = at.atOffset(ZoneOffset.UTC);
        } else if (type == ZonedDateTime.class) {
            v = at.atZone(ZoneOffset.UTC);
        } else if (type == LocalDateTime.class) {
            v = LocalDateTime.ofInstant(at, mapping.localTimeZone());
        } else if (type == java.sql.Timestamp.class) {
            v = java.sql.Timestamp.from(at);
        } else {
            v = java.util.Date.from(at);
        }
        return (Comparable<Object>) v;
    }

    private Expression<Number> idPath(Root<?> root) {
        return root.get(mapping.fields().get(Field.ID));
    }

    private Number idValue(long id) {
        Class<?> type = types.get(Field.ID);
        if (type == Integer.class) {
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, id));
        }
        return id;
    }

    private List<Number> idValues(Collection<Long> ids) {
        List<Number> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            out.add(idValue(id));
        }
        return out;
    }

    // ------------------------------------------------------------------ reading

    private Lead toLead(Tuple t) {
        Map<String, String> attributes = new LinkedHashMap<>();
        mapping.attributes().keySet().forEach(name -> {
            Object v = t.get("attr_" + name);
            if (v != null) {
                attributes.put(name, text(v));
            }
        });
        return new Lead(((Number) t.get(Field.ID.name())).longValue(), string(t, Field.LEAD_NUMBER),
                string(t, Field.NAME), string(t, Field.MOBILE), string(t, Field.EMAIL), string(t, Field.SOURCE),
                string(t, Field.STATUS), string(t, Field.PRIORITY), string(t, Field.ASSIGNED_TO),
                string(t, Field.PRODUCT_INTEREST), date(t, Field.BIRTHDAY), date(t, Field.ANNIVERSARY),
                date(t, Field.RENEWAL_DATE), zone(t), instant(t, Field.CREATED_AT), instant(t, Field.LAST_CONTACT_AT),
                Boolean.TRUE.equals(value(t, Field.OPTED_OUT)), attributes);
    }

    private Object value(Tuple t, Field field) {
        return mapping.fields().containsKey(field) ? t.get(field.name()) : null;
    }

    private String string(Tuple t, Field field) {
        Object v = value(t, field);
        return v == null ? null : text(v);
    }

    private static String text(Object v) {
        return v instanceof Enum<?> e ? e.name() : v.toString();
    }

    private LocalDate date(Tuple t, Field field) {
        Object v = value(t, field);
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return (LocalDate) v;
    }

    private Instant instant(Tuple t, Field field) {
        Object v = value(t, field);
        if (v == null || v instanceof Instant) {
            return (Instant) v;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (v instanceof LocalDateTime l) {
            return l.atZone(mapping.localTimeZone()).toInstant();
        }
        return ((java.util.Date) v).toInstant();
    }

    private ZoneId zone(Tuple t) {
        Object v = value(t, Field.TIME_ZONE);
        if (v == null || v instanceof ZoneId) {
            return (ZoneId) v;
        }
        try {
            return ZoneId.of(v.toString());
        } catch (DateTimeException e) {
            return null; // an unknown zone reads as "the configured default"
        }
    }
}
