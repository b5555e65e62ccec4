package io.leadreach.internal;

import io.leadreach.lead.Lead;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The variables a message may use, and their values for one lead. */
public final class LeadVariables {

    /** Every variable name a template or campaign body may use. */
    public static final Set<String> NAMES = Set.of("name", "first_name", "mobile", "email", "source", "status",
            "priority", "assigned_to", "product_interest", "lead_number");

    private LeadVariables() {
    }

    /**
     * The values for this lead; unknown values are empty strings. The map is a view that works out
     * a value only when it is asked for, since a message uses few of them.
     */
    public static Map<String, Object> of(Lead lead) {
        return new View(lead);
    }

    private static Object value(Lead lead, Object name) {
        if (!(name instanceof String n)) {
            return null;
        }
        switch (n) {
            case "name": return nz(lead.name());
            case "first_name": return firstName(lead.name());
            case "mobile": return nz(lead.mobile());
            case "email": return nz(lead.email());
            case "source": return nz(lead.source());
            case "status": return nz(lead.status());
            case "priority": return nz(lead.priority());
            case "assigned_to": return nz(lead.assignedTo());
            case "product_interest": return nz(lead.productInterest());
            case "lead_number": return nz(lead.leadNumber());
            default: return null;
        }
    }

    /** A read-only map of one lead's variables. */
    private static final class View extends AbstractMap<String, Object> {
        private final Lead lead;

        View(Lead lead) {
            this.lead = lead;
        }

        @Override
        public boolean containsKey(Object key) {
            return NAMES.contains(key);
        }

        @Override
        public Object get(Object key) {
            return value(lead, key);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            Map<String, Object> all = new HashMap<>(16);
            for (String name : NAMES) {
                all.put(name, value(lead, name));
            }
            return Collections.unmodifiableMap(all).entrySet();
        }
    }

    private static String firstName(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
