package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.spring.internal.ProblemDetails;
import io.leadreach.spring.internal.RoutingProblems;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** The servlet's multipart limit fails before a controller is chosen; MockMvc cannot show it, so this does. */
class RoutingProblemsTest {

    private final RoutingProblems problems = new RoutingProblems(new ProblemDetails());

    @Test
    void uploadOverTheMultipartLimitIs413OnLeadReachPaths() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/leads/7/whatsapp/send");
        ResponseEntity<Object> response = problems.beforeController(new MaxUploadSizeExceededException(6_291_456),
                request, new ServletWebRequest(request, new MockHttpServletResponse()));
        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).isInstanceOfSatisfying(ProblemDetail.class,
                p -> assertThat(p.getProperties()).containsKey("errors"));
    }

    @Test
    void elsewhereTheHostDecides() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/customers/upload");
        MaxUploadSizeExceededException e = new MaxUploadSizeExceededException(1024);
        assertThatThrownBy(() -> problems.beforeController(e, request,
                new ServletWebRequest(request, new MockHttpServletResponse()))).isSameAs(e);
    }
}
