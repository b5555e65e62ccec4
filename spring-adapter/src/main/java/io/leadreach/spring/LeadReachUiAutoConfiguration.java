package io.leadreach.spring;

import gg.jte.TemplateEngine;
import io.leadreach.LeadReach;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.attachment.AttachmentPolicy;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.sending.SendingConfig;
import io.leadreach.spring.internal.Actors;
import io.leadreach.spring.ui.internal.CampaignBuilderPage;
import io.leadreach.template.TemplateStore;
import io.leadreach.TemplateService;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.spring.internal.AnalyticsController;
import io.leadreach.spring.ui.internal.AnalyticsPage;
import io.leadreach.spring.ui.internal.AutomationRulePages;
import io.leadreach.spring.ui.internal.TemplatePages;
import java.time.Clock;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.history.MessageHistoryService;
import io.leadreach.spring.ui.internal.CampaignDetailsPage;
import io.leadreach.spring.ui.internal.CampaignListPage;
import io.leadreach.spring.ui.internal.ConsoleAssets;
import io.leadreach.spring.ui.internal.ConsoleHome;
import io.leadreach.spring.ui.internal.ConsoleRenderer;
import io.leadreach.spring.ui.internal.ForbiddenPage;
import io.leadreach.spring.ui.internal.LeadEmbeds;
import io.leadreach.spring.ui.internal.SenderChoices;
import io.leadreach.internal.Access;
import io.leadreach.spring.ui.internal.UiContexts;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The console: server-rendered pages at the API's own paths (a browser asking for {@code text/html}
 * gets the page; an API client gets the JSON it always got), under the same permissions, with
 * their assets served from the jar. Templates are JTE, precompiled at build time and rendered by
 * LeadReach's own engine, so the host's view resolution is untouched. Off with
 * {@code leadreach.ui.enabled=false}.
 */
@AutoConfiguration(after = LeadReachWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(TemplateEngine.class)
@ConditionalOnBean({LeadWhatsAppService.class, Actors.class})
@ConditionalOnProperty(name = "leadreach.ui.enabled", havingValue = "true", matchIfMissing = true)
public class LeadReachUiAutoConfiguration {

    /** LeadReach's own JTE engine over the precompiled templates. */
    @Bean
    @ConditionalOnMissingBean
    public ConsoleRenderer leadReachConsoleRenderer() {
        return new ConsoleRenderer();
    }

    /** Each request's base path, CSRF token and user. */
    @Bean
    @ConditionalOnMissingBean
    public UiContexts leadReachUiContexts(Actors actors, LeadReachProperties properties) {
        return new UiContexts(actors, properties.getUi().getHomePath(), properties.getUi().getLoginPath());
    }

    /** The console's stylesheet, scripts and WebJars under {@code /leads/whatsapp/assets}. */
    @Bean
    @ConditionalOnMissingBean
    public ConsoleAssets leadReachConsoleAssets() {
        return new ConsoleAssets();
    }

    /** What a browser gets when it opens a console page its user may not see (the API keeps its 403 problem). */
    @Bean
    @ConditionalOnMissingBean
    public ForbiddenPage leadReachForbiddenPage(UiContexts contexts, ConsoleRenderer renderer) {
        return new ForbiddenPage(contexts, renderer);
    }

    /** {@code /leads/whatsapp}: the first section the user may open. */
    @Bean
    @ConditionalOnMissingBean
    public ConsoleHome leadReachConsoleHome(UiContexts contexts, ConsoleRenderer renderer) {
        return new ConsoleHome(contexts, renderer);
    }

    /** The pieces a host embeds in its own pages: the bulk-send modal, the pre-send check, a lead's WhatsApp tab. */
    @Bean
    @ConditionalOnMissingBean
    public LeadEmbeds leadReachLeadEmbeds(LeadReach leadReach, LeadDirectory leads, AttachmentPolicy policy,
                                          UiContexts contexts, ConsoleRenderer renderer, SenderChoices senders) {
        return new LeadEmbeds(leadReach, leads, policy, contexts, renderer, senders);
    }

    /** The engine's sender numbers in words, for the builder, the details page and the lead tab. */
    @Bean
    @ConditionalOnMissingBean
    public SenderChoices leadReachSenderChoices(LeadReach leadReach) {
        return new SenderChoices(Access.wiring(leadReach).senders(), leadReach.sending().senderRateLimit());
    }

    /** The campaign list page and its quick actions. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignListPage leadReachCampaignListPage(LeadWhatsAppService service, UiContexts contexts,
                                                      ConsoleRenderer renderer) {
        return new CampaignListPage(service, contexts, renderer);
    }

    /** The four-step campaign builder. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignBuilderPage leadReachCampaignBuilderPage(LeadWhatsAppService service, CampaignStore campaigns,
                                                            TemplateStore templates, LeadDirectory leads,
                                                            AttachmentPolicy policy, SendingConfig sending,
                                                            LeadReachProperties properties, UiContexts contexts,
                                                            ConsoleRenderer renderer, SenderChoices senders) {
        return new CampaignBuilderPage(service, campaigns, templates, leads, policy, sending,
                properties.getThrottle().getMessagesPerMinute(), properties.getRetry().getMaxAttempts(),
                contexts, renderer, senders);
    }

    /** The analytics dashboard, over the analytics API's controller. */
    @Bean
    @ConditionalOnBean(AnalyticsController.class)
    @ConditionalOnMissingBean
    public AnalyticsPage leadReachAnalyticsPage(AnalyticsController api, TemplateStore templates, UiContexts contexts,
                                                ConsoleRenderer renderer) {
        return new AnalyticsPage(api, templates, contexts, renderer);
    }

    /** The template manager. */
    @Bean
    @ConditionalOnBean(TemplateService.class)
    @ConditionalOnMissingBean
    public TemplatePages leadReachTemplatePages(TemplateService templates, LeadDirectory leads, UiContexts contexts,
                                                ConsoleRenderer renderer) {
        return new TemplatePages(templates, leads, contexts, renderer);
    }

    /** The automation rule list and editor. */
    @Bean
    @ConditionalOnBean(AutomationEngine.class)
    @ConditionalOnMissingBean
    public AutomationRulePages leadReachAutomationRulePages(AutomationEngine automation, TemplateStore templates,
                                                            LeadDirectory leads, Clock clock, UiContexts contexts,
                                                            ConsoleRenderer renderer) {
        return new AutomationRulePages(automation, templates, leads, clock, contexts, renderer);
    }

    /** The campaign details page: live figures, the per-lead and failed tables, the actions. */
    @Bean
    @ConditionalOnMissingBean
    public CampaignDetailsPage leadReachCampaignDetailsPage(LeadWhatsAppService service, MessageHistoryService history,
                                                            CampaignStore campaigns, UiContexts contexts,
                                                            ConsoleRenderer renderer, LeadReachProperties properties,
                                                            Clock clock, SenderChoices senders) {
        return new CampaignDetailsPage(service, history, campaigns, contexts, renderer,
                properties.getAnalytics().getZone(), clock, senders);
    }
}
