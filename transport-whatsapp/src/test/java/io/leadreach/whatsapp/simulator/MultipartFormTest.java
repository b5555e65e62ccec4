package io.leadreach.whatsapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    @Test
    void readsWhatHttpClientsMultipartBuilderWrites() throws IOException {
        byte[] file = {0, 1, 2, '\r', '\n', '-', '-', 3, (byte) 0xff};
        HttpEntity entity = MultipartEntityBuilder.create().setMode(HttpMultipartMode.EXTENDED)
                .setCharset(StandardCharsets.UTF_8)
                .addTextBody("messaging_product", "whatsapp")
                .addBinaryBody("file", file, ContentType.create("image/png"), "Überweisung.png")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entity.writeTo(out);

        List<MultipartForm.Part> parts = MultipartForm.parse(out.toByteArray(), entity.getContentType());

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("messaging_product");
        assertThat(parts.get(0).text()).isEqualTo("whatsapp");
        assertThat(parts.get(1).name()).isEqualTo("file");
        assertThat(parts.get(1).contentType()).isEqualTo("image/png");
        assertThat(parts.get(1).filename()).isEqualTo("Überweisung.png");
        assertThat(parts.get(1).data()).isEqualTo(file);
    }

    @Test
    void refusesBodiesThatAreNotMultipart() {
        byte[] body = "x".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> MultipartForm.parse(body, "application/json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartForm.parse(body, "multipart/form-data"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MultipartForm.parse(body, "multipart/form-data; boundary=abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
