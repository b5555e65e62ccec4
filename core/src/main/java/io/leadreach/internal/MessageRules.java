package io.leadreach.internal;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The checks every message text passes before anything is stored or sent. */
public final class MessageRules {

    /** WhatsApp's limit for a text body. */
    public static final int MAX_TEXT = 4096;
    /** WhatsApp's limit for a media caption. */
    public static final int MAX_CAPTION = 1024;

    private MessageRules() {
    }

    /** The errors of this message, empty when it is fine. */
    public static List<FieldError> check(String field, String message, boolean withAttachment) {
        List<FieldError> errors = new ArrayList<>(1);
        if (message == null || message.isBlank()) {
            if (!withAttachment) {
                errors.add(new FieldError(field, "blank", "a message is required"));
            }
            return errors;
        }
        int max = withAttachment ? MAX_CAPTION : MAX_TEXT;
        if (message.length() > max) {
            errors.add(new FieldError(field, "too_long", "the message has " + message.length()
                    + " characters; at most " + max + (withAttachment ? " with an attachment (caption)" : "")
                    + " are allowed"));
        }
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t') {
                errors.add(new FieldError(field, "control_characters",
                        "the message contains a control character (U+" + String.format("%04X", (int) ch)
                                + ") at position " + i));
                break;
            }
        }
        return errors;
    }

    /** Throws a {@link ValidationException} unless the message passes. */
    public static void require(String field, String message, boolean withAttachment) {
        List<FieldError> errors = check(field, message, withAttachment);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
