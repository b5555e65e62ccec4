package io.leadreach.internal;

import io.leadreach.lead.Lead;
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

    /** The values for this lead; unknown values are empty strings. */
    public static Map<String, Object> of(Lead lead) {
        Map<String, Object> v = new HashMap<>(16);
        v.put("name", nz(lead.name()));
        v.put("first_name", firstName(lead.name()));
        v.put("mobile", nz(lead.mobile()));
        v.put("email", nz(lead.email()));
        v.put("source", nz(lead.source()));
        v.put("status", nz(lead.status()));
        v.put("priority", nz(lead.priority()));
        v.put("assigned_to", nz(lead.assignedTo()));
        v.put("product_interest", nz(lead.productInterest()));
        v.put("lead_number", nz(lead.leadNumber()));
        return v;
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
