package io.leadreach.template;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.NotFoundException;
import io.leadreach.TemplateService;
import io.leadreach.TemplateSpec;
import io.leadreach.ValidationException;
import io.leadreach.campaign.Campaign;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.security.PermissionDeniedException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateServiceTest {

    private Fixture f;
    private TemplateService templates;

    @BeforeEach
    void setUp() {
        f = new Fixture().withLeads(3);
        templates = f.leadReach.templates();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static TemplateSpec.Builder spec(String name) {
        return TemplateSpec.builder().name(name).category(TemplateCategory.FOLLOW_UP)
                .body("Hi {first_name}, about your {product_interest}");
    }

    private static void assertCodes(Runnable action, String... codes) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).extracting(ValidationException.FieldError::code).containsExactly(codes));
    }

    @Test
    void aTemplateIsCreatedListedByCategoryAndItsVariablesExtracted() {
        MessageTemplate t = templates.createTemplate(ADMIN, spec(" follow up ").build());
        templates.createTemplate(ADMIN, spec("hello").category(TemplateCategory.GREETING).body("Hello {name}").build());

        assertThat(t.id()).isPositive();
        assertThat(t.name()).isEqualTo("follow up");
        assertThat(t.usageCount()).isZero();
        assertThat(t.createdBy()).isEqualTo("admin");
        assertThat(templates.templateVariables(ADMIN, t.id())).containsExactly("first_name", "product_interest");
        assertThat(templates.listTemplates(ADMIN, TemplateCategory.FOLLOW_UP, false)).extracting(MessageTemplate::name)
                .containsExactly("follow up");
        assertThat(templates.listTemplates(ADMIN, null, false)).hasSize(2);
    }

    @Test
    void unknownVariablesAndEveryOtherFaultAreRefusedAtOnce() {
        assertCodes(() -> templates.createTemplate(ADMIN, TemplateSpec.builder().name(" ").body("Hi {nickname}")
                .build()), "blank", "required", "unknown_variable");
        assertCodes(() -> templates.createTemplate(ADMIN, spec("x").body("Hi {name").build()), "syntax");
        assertCodes(() -> templates.createTemplate(ADMIN, spec("x").body("").build()), "blank");
        assertThat(templates.listTemplates(ADMIN, null, false)).isEmpty();
    }

    @Test
    void namesAreUnique() {
        MessageTemplate first = templates.createTemplate(ADMIN, spec("offer").build());
        assertCodes(() -> templates.createTemplate(ADMIN, spec("offer").build()), "duplicate_name");
        MessageTemplate other = templates.createTemplate(ADMIN, spec("other").build());
        assertCodes(() -> templates.updateTemplate(ADMIN, other.id(), spec("offer").build()), "duplicate_name");
        assertThat(templates.updateTemplate(ADMIN, first.id(), spec("offer").body("New {name}").build()).body())
                .isEqualTo("New {name}");
    }

    @Test
    void theBindingsParametersMustBeKnownVariables() {
        assertCodes(() -> templates.createTemplate(ADMIN, spec("b").binding(new WhatsAppTemplateBinding("Spring Offer",
                "english", List.of("first_name", "shoe_size"))).build()),
                "invalid_name", "invalid_language", "unknown_variable");
        MessageTemplate ok = templates.createTemplate(ADMIN, spec("b").binding(new WhatsAppTemplateBinding(
                "spring_offer", "en_US", List.of("first_name", "product_interest"))).build());
        assertThat(ok.binding().parameters()).containsExactly("first_name", "product_interest");
    }

    @Test
    void anInactiveTemplateCannotStartACampaignAndUsageIsCounted() {
        MessageTemplate t = templates.createTemplate(ADMIN, spec("t").build());
        templates.setTemplateActive(ADMIN, t.id(), false);
        assertCodes(() -> f.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").templateId(t.id())
                .build()), "inactive_template");
        assertThat(templates.listTemplates(ADMIN, null, true)).isEmpty();

        templates.setTemplateActive(ADMIN, t.id(), true);
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").templateId(t.id())
                .messagesPerMinute(100_000).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        assertThat(templates.getTemplate(ADMIN, t.id()).usageCount()).isEqualTo(3);
        MessageTemplate updated = templates.updateTemplate(ADMIN, t.id(), spec("t").body("Changed").build());
        assertThat(updated.usageCount()).isEqualTo(3);
    }

    @Test
    void everyOperationNeedsTheTemplatePermission() {
        MessageTemplate t = templates.createTemplate(ADMIN, spec("t").build());
        Actor sender = Actor.of("sam", Permission.SEND, Permission.CAMPAIGN_CREATE);
        assertThatThrownBy(() -> templates.createTemplate(sender, spec("u").build()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> templates.listTemplates(sender, null, false))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> templates.deleteTemplate(sender, t.id()))
                .isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void deletingAndUnknownIds() {
        MessageTemplate t = templates.createTemplate(ADMIN, spec("t").build());
        templates.deleteTemplate(ADMIN, t.id());
        assertThatThrownBy(() -> templates.getTemplate(ADMIN, t.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> templates.deleteTemplate(ADMIN, t.id())).isInstanceOf(NotFoundException.class);
    }
}
