package io.leadreach.template;

import com.github.mustachejava.Mustache;
import java.util.Set;

/**
 * A template body that {@link TemplateRenderer#compile(String)} parsed and found to use only known
 * variables. Immutable and safe to render from many threads at once.
 */
public final class CompiledTemplate {

    private final String body;
    private final Set<String> variables;
    private final Mustache mustache;

    CompiledTemplate(String body, Set<String> variables, Mustache mustache) {
        this.body = body;
        this.variables = variables;
        this.mustache = mustache;
    }

    /** The body as written. */
    public String body() {
        return body;
    }

    /** The variables it uses (values and sections), in order of first use. */
    public Set<String> variables() {
        return variables;
    }

    Mustache mustache() {
        return mustache;
    }

    @Override
    public String toString() {
        return "CompiledTemplate[variables=" + variables + "]";
    }
}
