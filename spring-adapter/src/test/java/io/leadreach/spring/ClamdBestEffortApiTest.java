package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.attachment.ClamdProcess;
import io.leadreach.attachment.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Uploads scanned by a real clamd over TCP, scanning best-effort: what clamd finds is still refused,
 * and a file that cannot be scanned (over clamd's limit, or clamd stopped) is sent, with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClamdBestEffortApiTest extends ClamdApiTestSupport {

    @DynamicPropertySource
    static void clamdOverTcp(DynamicPropertyRegistry registry) {
        scanning(registry, "best-effort");
        registry.add("leadreach.attachments.clamd.host", () -> "127.0.0.1");
        registry.add("leadreach.attachments.clamd.port", () -> clamd.port());
    }

    @Test
    void infectedIsRefusedUnscannableIsAcceptedWithAWarningAndSoIsEverythingOnceClamdIsDown(CapturedOutput output)
            throws Exception {
        refused("invoice.pdf", ClamdProcess.eicarPdf())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.signature").value(ClamdProcess.EICAR_SIGNATURE));

        int sent = transport.count();
        upload("big.pdf", TestFiles.pdfOfSize(2 * ClamdProcess.STREAM_MAX_LENGTH))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SENT"));
        assertThat(output.getOut()).contains("Accepting attachment big.pdf").contains("UNSCANNED")
                .contains("INSTREAM size limit exceeded");

        clamd.close();
        long stored = storedFiles();
        upload("quote.pdf", TestFiles.pdf("sent while clamd is down"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("SENT"));

        assertThat(storedFiles()).isGreaterThan(stored);
        assertThat(transport.count()).isEqualTo(sent + 2);
        assertThat(output.getOut()).contains("Accepting attachment quote.pdf").contains("cannot talk to clamd at 127.0.0.1:");
    }
}
