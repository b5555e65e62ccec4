package io.leadreach.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhatsAppErrorCodesTest {

    @Test
    void aTemporaryErrorSaysItCanBeRetriedNotThatItWas() {
        // Shown next to a recipient that failed for good (its attempts spent), as in the failed table.
        for (String code : List.of("4", "80007", "130429", "131000", "131016", "131056", "131057")) {
            assertThat(WhatsAppErrorCodes.describe(code)).as(code)
                    .hasValueSatisfying(s -> assertThat(s).contains("can be retried").doesNotContainPattern("; retried"));
        }
        assertThat(WhatsAppErrorCodes.describe("131000"))
                .hasValue("Something went wrong at WhatsApp (unknown error, usually temporary: can be retried)");
    }
}
