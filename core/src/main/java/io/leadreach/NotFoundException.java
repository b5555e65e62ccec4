package io.leadreach;

/** A lead, campaign, template or job named by the caller does not exist. */
public class NotFoundException extends LeadReachException {

    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " does not exist");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    /** What was looked for: {@code lead}, {@code campaign}, {@code template}, ... */
    public String kind() {
        return kind;
    }

    /** The id that was not found. */
    public String id() {
        return id;
    }
}
