package io.leadreach.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateRendererTest {

    private final TemplateRenderer renderer =
            TemplateRenderer.forVariables(Set.of("name", "product_interest", "assigned_to", "renewal_date"));

    @Test
    void valuesAndTextAreWrittenRawNeverHtmlEscaped() {
        String out = renderer.render("Hi {name}, <b>& \"quotes\" 'too'", Map.of("name", "<Alex & \"Sam\">"));

        assertThat(out).isEqualTo("Hi <Alex & \"Sam\">, <b>& \"quotes\" 'too'");
    }

    @Test
    void ampersandTagIsTheSameAsAPlainOne() {
        assertThat(renderer.render("{&name}|{name}", Map.of("name", "A&B"))).isEqualTo("A&B|A&B");
    }

    @Test
    void doubleBracesAreRefusedWithAHint() {
        assertThatThrownBy(() -> renderer.compile("Hi {{name}}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("not {{name}}")));
    }

    @Test
    void missingOrNullValuesRenderEmpty() {
        Map<String, Object> values = new HashMap<>();
        values.put("assigned_to", null);

        assertThat(renderer.render("Hi {name}! Your agent: {assigned_to}.", values)).isEqualTo("Hi ! Your agent: .");
    }

    @Test
    void sectionShowsItsContentOnlyWhenTheValueIsPresent() {
        CompiledTemplate template =
                renderer.compile("Hi {name}{#product_interest}, about {product_interest}{/product_interest}!");

        assertThat(renderer.render(template, Map.of("name", "Alex", "product_interest", "solar panels")))
                .isEqualTo("Hi Alex, about solar panels!");
        assertThat(renderer.render(template, Map.of("name", "Alex"))).isEqualTo("Hi Alex!");
        assertThat(renderer.render(template, Map.of("name", "Alex", "product_interest", ""))).isEqualTo("Hi Alex!");
        assertThat(renderer.render(template, Map.of("name", "Alex", "product_interest", Optional.empty())))
                .isEqualTo("Hi Alex!");
    }

    @Test
    void invertedSectionShowsItsContentWhenTheValueIsAbsent() {
        CompiledTemplate template = renderer.compile("{^assigned_to}Our team{/assigned_to}{assigned_to} will call.");

        assertThat(renderer.render(template, Map.of())).isEqualTo("Our team will call.");
        assertThat(renderer.render(template, Map.of("assigned_to", "Priya"))).isEqualTo("Priya will call.");
        assertThat(renderer.render(template, Map.of("assigned_to", ""))).isEqualTo("Our team will call.");
        assertThat(renderer.render("{^assigned_to}none{/assigned_to}", Map.of("assigned_to", false))).isEqualTo("none");
    }

    @Test
    void sectionsAreConditionalsNotLoops() {
        String out = renderer.render("{#product_interest}[{product_interest}]{/product_interest}",
                Map.of("product_interest", List.of("a", "b")));

        assertThat(out).isEqualTo("[[a, b]]");
    }

    @Test
    void valuesAreTextFromToStringAndNeverCalled() {
        Callable<String> callable = () -> "called";
        Function<String, String> function = s -> "applied";

        assertThat(renderer.render("{renewal_date}", Map.of("renewal_date", LocalDate.of(2030, 1, 31)))).isEqualTo("2030-01-31");
        assertThat(renderer.render("{name}", Map.of("name", Optional.of("Alex")))).isEqualTo("Alex");
        assertThat(renderer.render("{name}", Map.of("name", callable))).isEqualTo(callable.toString());
        assertThat(renderer.render("{#name}x{/name}", Map.of("name", function))).isEqualTo("x");
    }

    @Test
    void valuesAreNotRenderedAgainAsTemplates() {
        assertThat(renderer.render("Hi {name}", Map.of("name", "{product_interest}", "product_interest", "x")))
                .isEqualTo("Hi {product_interest}");
    }

    @Test
    void insideASectionOnlyTheMapIsConsulted() {
        // A section pushes its value as a scope; a String value has methods such as isEmpty(),
        // which a reflective lookup would call. Only map entries may ever be read.
        TemplateRenderer withMethodNames = TemplateRenderer.forVariables(Set.of("name", "empty", "bytes", "class"));

        assertThat(withMethodNames.render("{#name}[{empty}{bytes}{class}]{/name}", Map.of("name", "Alex")))
                .isEqualTo("[]");
    }

    @Test
    void unknownVariableIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> renderer.compile("Hi {nme}, re {product}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsOnly("body");
                    assertThat(e.errors()).extracting(FieldError::code).containsOnly("unknown_variable");
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.errors().get(0).message()).contains("{nme}").contains("did you mean {name}?");
                    assertThat(e.errors().get(1).message()).contains("{product}").contains("product_interest");
                });
    }

    @Test
    void unknownVariableInsideASectionIsRefused() {
        assertThatThrownBy(() -> renderer.compile("{#product_interest}{price}{/product_interest}"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).singleElement().extracting(FieldError::code).isEqualTo("unknown_variable"));
        assertThatThrownBy(() -> renderer.compile("{#price}x{/price}"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).singleElement().extracting(FieldError::message).asString().contains("{price}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{#product_interest}about it",            // section never closed
        "about it{/product_interest}",            // close without open
        "{#name}{#product_interest}{/name}{/product_interest}", // crossed
        "Hi {name",                               // tag never closed
        "Hi {{name}",                             // triple tag never closed
        "Hi {}",                                  // empty tag
        "Hi { }",                                 // blank tag
        "{>footer}",                              // partial
        "{<layout}{/layout}",                     // inheritance
        "{$block}x{/block}",                      // inheritance block
        "{?name}x{/name}",                        // inheritance check
    })
    void malformedOrUnsupportedBodiesAreSyntaxErrors(String body) {
        assertThatThrownBy(() -> renderer.compile(body))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("body");
                        assertThat(error.code()).isEqualTo("syntax");
                    });
                });
    }

    @Test
    void syntaxErrorsSayWhatIsWrongAndWhere() {
        assertThat(syntaxMessage("Hi {name}\n{#product_interest}about it")).isEqualTo(
                "the section {#product_interest} is never closed with {/product_interest} (line 2)");
        assertThat(syntaxMessage("about it{/product_interest}"))
                .isEqualTo("{/product_interest} closes a section that was never opened (line 1)");
        assertThat(syntaxMessage("Hi {name")).isEqualTo("a { is never closed with } (line 1)");
        assertThat(syntaxMessage("{>footer}")).isEqualTo("partials and template inheritance are not supported");
    }

    private String syntaxMessage(String body) {
        try {
            renderer.compile(body);
            throw new AssertionError("expected a syntax error for " + body);
        } catch (ValidationException e) {
            assertThat(e.errors()).singleElement().extracting(FieldError::code).isEqualTo("syntax");
            return e.errors().get(0).message();
        }
    }

    @Test
    void commentsAndDelimiterChangesAreAllowed() {
        assertThat(renderer.render("{!note to self}Hi {name}", Map.of("name", "Alex"))).isEqualTo("Hi Alex");
        assertThat(renderer.render("{=<% %>=}Use code {SAVE10}, <%name%>", Map.of("name", "Alex")))
                .isEqualTo("Use code {SAVE10}, Alex");
    }

    @Test
    void variablesListsEveryNameInOrderOfFirstUseKnownOrNot() {
        assertThat(renderer.variables("{#product_interest}{product_interest} {nme}{/product_interest}{^name}{x}{/name}{name}"))
                .containsExactly("product_interest", "nme", "name", "x");
        assertThat(renderer.variables("no variables")).isEmpty();
        assertThatThrownBy(() -> renderer.variables("{#name}")).isInstanceOf(ValidationException.class);
    }

    @Test
    void compiledTemplateKnowsItsBodyAndVariables() {
        CompiledTemplate template = renderer.compile("Hi {name}{#assigned_to} from {assigned_to}{/assigned_to}");

        assertThat(template.body()).isEqualTo("Hi {name}{#assigned_to} from {assigned_to}{/assigned_to}");
        assertThat(template.variables()).containsExactly("name", "assigned_to");
    }

    @Test
    void compiledTemplatesAreCachedByBody() {
        CompiledTemplate first = renderer.compile("Hi {name}");

        assertThat(renderer.compile("Hi {name}")).isSameAs(first);
        assertThat(renderer.compilations()).isEqualTo(1);
    }

    @Test
    void renderingTheSameBodyRepeatedlyParsesItOnce() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(renderer.render("Hi {name}", Map.of("name", "n" + i))).isEqualTo("Hi n" + i);
        }

        assertThat(renderer.compilations()).isEqualTo(1);
    }

    @Test
    void refusedBodiesAreNotCachedAndStayRefused() {
        assertThatThrownBy(() -> renderer.compile("{nme}")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> renderer.compile("{nme}")).isInstanceOf(ValidationException.class);

        assertThat(renderer.compilations()).isEqualTo(2);
    }

    @Test
    void cacheIsBounded() {
        TemplateRenderer small = TemplateRenderer.forVariables(Set.of("name"), 0);

        small.compile("Hi {name}");
        small.compile("Hi {name}");

        assertThat(small.compilations()).isEqualTo(2);
    }

    @Test
    void renderIsThreadSafe() throws Exception {
        CompiledTemplate template =
                renderer.compile("Hi {name}{#product_interest}, about {product_interest}{/product_interest}.");
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String name = "lead-" + thread + "-" + i;
                        boolean withInterest = i % 2 == 0;
                        Map<String, Object> values = withInterest
                                ? Map.of("name", name, "product_interest", "item " + i) : Map.of("name", name);
                        String expected = "Hi " + name + (withInterest ? ", about item " + i : "") + ".";
                        String actual = renderer.render(template, values);
                        if (!actual.equals(expected)) {
                            wrong.add(expected + " != " + actual);
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<List<String>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCompilesOfTheSameBodyParseItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CompiledTemplate>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return renderer.compile("Dear {name}, renewal on {renewal_date}");
                }));
            }
            start.countDown();
            CompiledTemplate first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<CompiledTemplate> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(renderer.compilations()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void textWithoutBracesRendersUnchangedButForLineBreaks() {
        qt().withExamples(500)
                .forAll(strings().allPossible().ofLengthBetween(0, 200).assuming(s -> s.indexOf('{') < 0 && s.indexOf('}') < 0))
                .checkAssert(text -> assertThat(renderer.render(text, Map.of("name", "x")))
                        .isEqualTo(text.replace("\r\n", "\n").replace('\r', '\n')));
    }

    @Test
    void aLoneCarriageReturnIsKeptAsALineBreak() {
        assertThat(renderer.render("one\rtwo\r\nthree", Map.of())).isEqualTo("one\ntwo\nthree");
    }

    @Test
    void anyValueIsInsertedVerbatim() {
        CompiledTemplate template = renderer.compile("<{name}>");
        qt().withExamples(500)
                .forAll(strings().allPossible().ofLengthBetween(0, 100))
                .checkAssert(value -> assertThat(renderer.render(template, Map.of("name", value))).isEqualTo("<" + value + ">"));
    }

    @Test
    void knownVariablesAreValidated() {
        assertThat(renderer.knownVariables()).containsExactly("assigned_to", "name", "product_interest", "renewal_date");
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateRenderer.forVariables(Set.of("has space")));
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateRenderer.forVariables(Set.of("{name}")));
        assertThatIllegalArgumentException().isThrownBy(() -> TemplateRenderer.forVariables(Set.of("name"), -1));
    }
}
