package io.leadreach.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Some requests fail before a controller is chosen (a wrong content type or method, an upload over
 * the multipart limit, a path no route maps), where {@link ProblemDetails}, bound to the LeadReach
 * controllers, cannot see them. This answers those as problems (415, 405, 406, 413, 404) on LeadReach paths and leaves
 * them to the host everywhere else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RoutingProblems {

    private final ProblemDetails problems;

    /** Problems written by {@code problems}. */
    public RoutingProblems(ProblemDetails problems) {
        this.problems = problems;
    }

    /** A problem on LeadReach paths; rethrown (left to others) elsewhere. */
    @ExceptionHandler({MaxUploadSizeExceededException.class, HttpMediaTypeNotSupportedException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotAcceptableException.class,
            org.springframework.web.servlet.resource.NoResourceFoundException.class,
            org.springframework.web.servlet.NoHandlerFoundException.class})
    public ResponseEntity<Object> beforeController(Exception e, HttpServletRequest request, WebRequest webRequest)
            throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/leads/")) {
            throw e;
        }
        if (e instanceof MaxUploadSizeExceededException m) {
            return problems.multipart(m);
        }
        return problems.handleException(e, webRequest);
    }
}
