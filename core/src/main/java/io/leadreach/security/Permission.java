package io.leadreach.security;

import java.util.Arrays;
import java.util.Optional;

/** The seven permissions every service entry point checks. {@link #authority()} is the name hosts grant. */
public enum Permission {
    SEND("lead-whatsapp-send"),
    BULK_SEND("lead-whatsapp-bulk-send"),
    CAMPAIGN_CREATE("lead-whatsapp-campaign-create"),
    CAMPAIGN_VIEW("lead-whatsapp-campaign-view"),
    CAMPAIGN_EXECUTE("lead-whatsapp-campaign-execute"),
    ANALYTICS_VIEW("lead-whatsapp-analytics-view"),
    TEMPLATE_MANAGE("lead-whatsapp-template-manage");

    private final String authority;

    Permission(String authority) {
        this.authority = authority;
    }

    /** The permission's name as a host grants it, such as {@code lead-whatsapp-send}. */
    public String authority() {
        return authority;
    }

    /** The permission with this authority name, if any. */
    public static Optional<Permission> ofAuthority(String authority) {
        return Arrays.stream(values()).filter(p -> p.authority.equals(authority)).findFirst();
    }
}
