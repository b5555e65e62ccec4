package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.attachment.AttachmentIntake;
import io.leadreach.attachment.ClamdProcess;
import io.leadreach.attachment.ClamdVirusScanner;
import io.leadreach.attachment.TestFiles;
import io.leadreach.attachment.VirusScanner;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Uploads scanned by a real clamd over its Unix domain socket, scanning required: what clamd finds
 * is a 422 naming the signature, a file over clamd's StreamMaxLength a 413, a clean PDF is sent, and
 * once clamd is stopped an upload is a 503. Nothing refused is stored or sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClamdApiTest extends ClamdApiTestSupport {

    @DynamicPropertySource
    static void clamdOverItsSocket(DynamicPropertyRegistry registry) {
        scanning(registry, "required");
        registry.add("leadreach.attachments.clamd.socket", () -> clamd.socketPath().toString());
    }

    @Autowired
    VirusScanner scanner;

    @Test
    @Order(1)
    void theScannerIsTheAutoConfiguredClamdOnTheSocket() {
        assertThat(scanner).isInstanceOfSatisfying(ClamdVirusScanner.class,
                s -> assertThat(s.config().socket()).contains(clamd.socketPath()));
    }

    @Test
    @Order(2)
    void eicarIsRefusedAs422NamingTheSignature() throws Exception {
        refused("invoice.pdf", ClamdProcess.eicarPdf())
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://leadreach.io/problems/attachment-infected"))
                .andExpect(jsonPath("$.signature").value(ClamdProcess.EICAR_SIGNATURE))
                .andExpect(jsonPath("$.detail").value("the file is infected with " + ClamdProcess.EICAR_SIGNATURE))
                .andExpect(jsonPath("$.errors[0].field").value("attachment"))
                .andExpect(jsonPath("$.errors[0].code").value(AttachmentIntake.INFECTED));
    }

    @Test
    @Order(3)
    void theCustomSignatureIsRefusedAs422() throws Exception {
        refused("quote.pdf", ClamdProcess.markerPdf())
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.signature").value(ClamdProcess.MARKER_SIGNATURE));
    }

    @Test
    @Order(4)
    void aFileOverClamdsLimitIsRefusedAs413NotScannable() throws Exception {
        refused("big.pdf", TestFiles.pdfOfSize(ClamdProcess.STREAM_MAX_LENGTH + 512 * 1024))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("https://leadreach.io/problems/attachment-not-scannable"))
                .andExpect(jsonPath("$.errors[0].field").value("attachment"))
                .andExpect(jsonPath("$.errors[0].code").value(AttachmentIntake.NOT_SCANNABLE));
    }

    @Test
    @Order(5)
    void aCleanPdfIsStoredAndSent() throws Exception {
        long stored = storedFiles();
        int sent = transport.count();

        upload("quote.pdf", TestFiles.pdf("clean quote for lead 5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SENT"));

        assertThat(storedFiles()).isGreaterThan(stored);
        assertThat(transport.count()).isEqualTo(sent + 1);
        assertThat(transport.messages().get(sent).to()).isEqualTo("+12015550105");
    }

    @Test
    @Order(6) // last: it stops clamd
    void withClamdStoppedAnUploadIs503AndNothingIsStoredOrSent() throws Exception {
        clamd.close();

        refused("quote.pdf", TestFiles.pdf("another clean quote"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("https://leadreach.io/problems/scan-unavailable"));
    }
}
