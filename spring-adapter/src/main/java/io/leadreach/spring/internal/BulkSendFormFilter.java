package io.leadreach.spring.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the form of a URL-encoded bulk send itself, so that the repeated
 * {@code lead_ids[]} form of docs/routes.md works up to LeadReach's cap ({@code leadreach.sending.max-bulk-leads},
 * 10,000) on this route only, while the servlet container's limit on request parameters (Tomcat's
 * 1,000) keeps protecting every other route. Runs before Spring Security, whose CSRF check reads a
 * parameter. A body over {@link #MAX_BODY} bytes is a 413 problem.
 */
public final class BulkSendFormFilter extends OncePerRequestFilter {

    /** The largest form read: 10,000 ids of 19 digits with their names, and a message, fit well. */
    public static final int MAX_BODY = 2 * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || !Routes.BULK_SEND.equals(path) || type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        byte[] body = read(request.getInputStream());
        if (body == null) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"" + ProblemDetails.TYPE_BASE + "request-too-large\","
                    + "\"title\":\"Request too large\",\"status\":413,\"detail\":\"a bulk send form is at most "
                    + MAX_BODY + " bytes\",\"instance\":\"" + Routes.BULK_SEND + "\"}");
            return;
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        parse(request.getQueryString(), StandardCharsets.UTF_8, params);
        parse(new String(body, charset), charset, params);
        Map<String, String[]> map = new LinkedHashMap<>();
        params.forEach((k, v) -> map.put(k, v.toArray(String[]::new)));
        Map<String, String[]> view = Collections.unmodifiableMap(map);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                String[] v = view.get(name);
                return v == null || v.length == 0 ? null : v[0];
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return view;
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(view.keySet());
            }

            @Override
            public String[] getParameterValues(String name) {
                String[] v = view.get(name);
                return v == null ? null : v.clone();
            }
        }, response);
    }

    /** The body, or null when it is larger than {@link #MAX_BODY}. */
    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > MAX_BODY) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void parse(String form, Charset charset, Map<String, List<String>> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformed) {
                // a malformed escape: the pair is dropped, as containers drop it
            }
        }
    }
}
