package io.leadreach;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was refused. Nothing was stored or sent. {@link #errors()} names every field at fault, so
 * a form or an HTTP problem response can point at each.
 */
public class ValidationException extends LeadReachException {

    /**
     * One refused field.
     *
     * @param field   the input's name ({@code message}, {@code attachment}, {@code leadIds[3]}, ...)
     * @param code    a stable machine-readable reason ({@code blank}, {@code too_long}, {@code not_mobile}, ...)
     * @param message a sentence for a person
     */
    public record FieldError(String field, String code, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String code, String message) {
        this(List.of(new FieldError(field, code, message)));
    }

    /** Every refused field, in the order found. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Whether some error has this code. */
    public boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
