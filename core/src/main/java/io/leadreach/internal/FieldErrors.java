package io.leadreach.internal;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the field errors of a builder's settings, so that {@code build()} refuses them all at
 * once with one {@link ValidationException} naming each field (by its builder method). The
 * messages do not repeat the field's name: a caller that knows the field by another name (the
 * starter's property) prefixes its own.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    /** Refuses {@code field} unless {@code ok}. */
    public FieldErrors check(boolean ok, String field, String code, String message) {
        if (!ok) {
            errors.add(new FieldError(field, code, message));
        }
        return this;
    }

    /** The field must be given. */
    public FieldErrors required(String field, Object value) {
        return check(value != null, field, "missing", "is required");
    }

    /** The number must be above zero. */
    public FieldErrors positive(String field, int value) {
        return check(value > 0, field, "out_of_range", "must be positive, got " + value);
    }

    /** The duration must be given and above zero. */
    public FieldErrors positive(String field, Duration value) {
        return check(value != null && !value.isNegative() && !value.isZero(), field, "out_of_range",
                "must be a positive duration, got " + value);
    }

    /** The number must be within {@code [min, max]}. */
    public FieldErrors between(String field, int value, int min, int max) {
        return check(value >= min && value <= max, field, "out_of_range",
                "must be between " + min + " and " + max + ", got " + value);
    }

    /**
     * {@code field}'s duration must not be below {@code lowerField}'s; checked only when neither
     * was refused already (each must be given and positive first).
     */
    public FieldErrors notBelow(String field, Duration value, String lowerField, Duration lower) {
        if (has(field) || has(lowerField)) {
            return this;
        }
        return check(value.compareTo(lower) >= 0, field, "out_of_range",
                "(" + value + ") must not be below " + lowerField + " (" + lower + ")");
    }

    /** Whether the field has been refused already (to skip the checks that compare it with another). */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Throws the errors collected, if any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
