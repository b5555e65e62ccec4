package io.leadreach.spring.internal;

import io.leadreach.preview.CampaignPreviewService;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Campaign previews: what a campaign would do if it ran now (matching leads, skips by reason, a
 * sample rendered for one lead, duration and cost estimates), without saving or sending anything.
 * Both routes need {@code lead-whatsapp-campaign-create}: a preview is a step of creating one.
 */
@RestController
public class CampaignPreviewController {

    private final CampaignPreviewService previews;
    private final Actors actors;

    /** The controller over the core's preview service. */
    public CampaignPreviewController(CampaignPreviewService previews, Actors actors) {
        this.previews = previews;
        this.actors = actors;
    }

    /**
     * Previews the campaign in the body (the JSON of {@code POST /leads/whatsapp/campaigns}; the name
     * may be left out), with the sample rendered for {@code sampleLeadId} or the first matching lead.
     */
    @PostMapping(path = Routes.CAMPAIGN_PREVIEW, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.PreviewView preview(@RequestBody Views.CampaignRequest request,
                                     @RequestParam(name = "sampleLeadId", required = false) Long sampleLeadId) {
        var actor = actors.current();
        return Views.PreviewView.of(previews.previewCampaign(actor, CampaignController.spec(request, null), sampleLeadId));
    }

    /** Previews a saved DRAFT campaign. */
    @PostMapping(Routes.CAMPAIGN_DRAFT_PREVIEW)
    public Views.PreviewView previewDraft(@PathVariable("id") long id,
                                          @RequestParam(name = "sampleLeadId", required = false) Long sampleLeadId) {
        return Views.PreviewView.of(previews.previewCampaign(actors.current(), id, sampleLeadId));
    }
}
