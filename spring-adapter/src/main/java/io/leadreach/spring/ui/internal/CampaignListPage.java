package io.leadreach.spring.ui.internal;

import io.leadreach.CampaignStatistics;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Routes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The campaign list page ({@code GET /leads/whatsapp/campaigns} asking for {@code text/html}):
 * figures per campaign, a status filter, paging, and the quick actions legal in each campaign's
 * status for a user who may take them. The actions post to the API's own paths; asked for
 * {@code text/html} (as htmx asks) they answer the refreshed row.
 */
@RestController
public class CampaignListPage {

    /** Campaigns per page. */
    static final int PAGE_SIZE = 20;

    private final LeadWhatsAppService service;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The page over the service. */
    public CampaignListPage(LeadWhatsAppService service, UiContexts contexts, ConsoleRenderer renderer) {
        this.service = service;
        this.contexts = contexts;
        this.renderer = renderer;
    }

    /** One row of the list: the campaign, its figures, and the actions this user may take now. */
    public record Row(Campaign campaign, CampaignStatistics stats, List<String> actions) {
    }

    /** The page, or only its table for an htmx request ({@code HX-Request}) that is not a history restore. */
    @GetMapping(path = Routes.CAMPAIGNS, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> list(HttpServletRequest request,
                                       @RequestParam(name = "status", required = false) String status,
                                       @RequestParam(name = "page", defaultValue = "0") int page,
                                       @RequestHeader(name = "HX-Request", required = false) String htmx,
                                       @RequestHeader(name = "HX-History-Restore-Request", required = false)
                                       String restore) {
        UiContext ui = contexts.of(request, "campaigns");
        CampaignStatus filter = parseStatus(status);
        List<Campaign> all = service.listCampaigns(ui.actor(),
                filter == null ? Set.of() : EnumSet.of(filter));
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(0, Math.min(page, pages - 1));
        List<Row> rows = new ArrayList<>();
        for (Campaign c : all.subList(current * PAGE_SIZE, Math.min(all.size(), (current + 1) * PAGE_SIZE))) {
            rows.add(row(ui.actor(), c));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("rows", rows);
        params.put("status", filter == null ? "" : filter.name());
        params.put("page", current);
        params.put("pages", pages);
        params.put("total", all.size());
        // htmx restores a page it has not cached (historyCacheSize 0) with HX-Request too: it needs the whole page.
        return renderer.page(htmx != null && restore == null ? "campaigns/table.jte" : "campaigns/list.jte", params);
    }

    /** Starts a campaign from the list; answers its row as it now is. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "execute", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> execute(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return rowPage(ui, service.executeCampaign(ui.actor(), id));
    }

    /** Pauses a campaign from the list. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "pause", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> pause(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return rowPage(ui, service.pauseCampaign(ui.actor(), id));
    }

    /** Resumes a campaign from the list. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "resume", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> resume(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return rowPage(ui, service.resumeCampaign(ui.actor(), id));
    }

    /** Cancels a campaign from the list. */
    @PostMapping(path = Routes.CAMPAIGN_ACTION + "cancel", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> cancel(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "campaigns");
        return rowPage(ui, service.cancelCampaign(ui.actor(), id));
    }

    private ResponseEntity<String> rowPage(UiContext ui, Campaign c) {
        return renderer.page("campaigns/row.jte", Map.of("ui", ui, "row", row(ui.actor(), c)));
    }

    private Row row(Actor actor, Campaign c) {
        return new Row(c, service.getCampaignStatistics(actor, c.id()), actions(actor, c.status()));
    }

    /** The quick actions legal in {@code status} for {@code actor}, in the order they are shown. */
    static List<String> actions(Actor actor, CampaignStatus status) {
        List<String> actions = new ArrayList<>();
        if (!actor.has(Permission.CAMPAIGN_EXECUTE)) {
            return actions;
        }
        if (status == CampaignStatus.DRAFT || status == CampaignStatus.SCHEDULED) {
            actions.add("execute");
        }
        if (status == CampaignStatus.ACTIVE) {
            actions.add("pause");
        }
        if (status == CampaignStatus.PAUSED) {
            actions.add("resume");
        }
        if (status.canMoveTo(CampaignStatus.CANCELLED)) {
            actions.add("cancel");
        }
        return actions;
    }

    private static CampaignStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return CampaignStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
