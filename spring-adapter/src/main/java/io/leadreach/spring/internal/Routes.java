package io.leadreach.spring.internal;

import io.leadreach.security.Permission;

/** The paths of the REST API and the permission each needs: one table for controllers and security. */
public final class Routes {

    /** Single send: {@code POST}, needs {@link Permission#SEND}. */
    public static final String SEND = "/leads/{lead}/whatsapp/send";
    /** Bulk send: {@code POST}, needs {@link Permission#BULK_SEND}. */
    public static final String BULK_SEND = "/leads/whatsapp/bulk-send";
    /** A bulk job's progress: {@code GET}, needs {@link Permission#BULK_SEND}. */
    public static final String JOB = "/leads/whatsapp/jobs/{id}";
    /** Cancels a bulk job: {@code POST}, needs {@link Permission#BULK_SEND}. */
    public static final String JOB_CANCEL = "/leads/whatsapp/jobs/{id}/cancel";
    /** A bulk job's progress as server-sent events: {@code GET}, needs {@link Permission#BULK_SEND}. */
    public static final String JOB_STREAM = "/leads/whatsapp/jobs/{id}/stream";
    /** Lists ({@code GET}, view) and creates ({@code POST}, create) campaigns. */
    public static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    /** One campaign with its figures: {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String CAMPAIGN = "/leads/whatsapp/campaigns/{id}";
    /** Campaign actions ({@code execute}, {@code pause}, {@code resume}, {@code cancel}, {@code retry-failed}): {@code POST}. */
    public static final String CAMPAIGN_ACTION = "/leads/whatsapp/campaigns/{id}/";
    /** A campaign's recipients as CSV: {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String CAMPAIGN_REPORT = "/leads/whatsapp/campaigns/{id}/report.csv";
    /**
     * Previews a campaign spec without saving or sending anything: {@code POST} (JSON), needs
     * {@link Permission#CAMPAIGN_CREATE} (what the core's preview checks: it is part of creating one).
     */
    public static final String CAMPAIGN_PREVIEW = "/leads/whatsapp/campaigns/preview";
    /** Previews a saved DRAFT campaign: {@code POST}, needs {@link Permission#CAMPAIGN_CREATE}. */
    public static final String CAMPAIGN_DRAFT_PREVIEW = "/leads/whatsapp/campaigns/{id}/preview";
    /**
     * The business numbers campaigns may send from: {@code GET}, needs {@link Permission#CAMPAIGN_CREATE}
     * or {@link Permission#CAMPAIGN_VIEW}.
     */
    public static final String SENDER_NUMBERS = "/leads/whatsapp/sender-numbers";
    /** The analytics dashboard's figures: {@code GET}, needs {@link Permission#ANALYTICS_VIEW}. */
    public static final String ANALYTICS = "/leads/whatsapp/analytics";
    /** Lists ({@code GET}) and creates ({@code POST}) library templates; needs {@link Permission#TEMPLATE_MANAGE}. */
    public static final String TEMPLATES = "/leads/whatsapp/templates";
    /** One library template: {@code GET}, {@code PUT}, {@code DELETE}; needs {@link Permission#TEMPLATE_MANAGE}. */
    public static final String TEMPLATE = "/leads/whatsapp/templates/{id}";
    /** Lists ({@code GET}, view) and creates ({@code POST}, create) follow-up automation rules. */
    public static final String AUTOMATION_RULES = "/leads/whatsapp/automation-rules";
    /** One automation rule: {@code GET} (view), {@code PUT} and {@code DELETE} (create). */
    public static final String AUTOMATION_RULE = "/leads/whatsapp/automation-rules/{id}";
    /**
     * A campaign's recipients in keyset pages ({@code ?status=A,B&after=&limit=}): {@code GET}, needs
     * {@link Permission#CAMPAIGN_VIEW}.
     */
    public static final String CAMPAIGN_RECIPIENTS = "/leads/whatsapp/campaigns/{id}/recipients";
    /** POST: lets a recipient held IN_DOUBT out (JSON {@code {"resolution": "TREAT_AS_SENT" | "SEND_AGAIN"}}). */
    public static final String CAMPAIGN_RECIPIENT_RESOLVE = "/leads/whatsapp/campaigns/{id}/recipients/{recipientId}/resolve";
    /**
     * The lead ids of a campaign's recipients by status ({@code ?status=READ&replied=no}), for "new
     * campaign to these leads": {@code GET} (JSON), needs {@link Permission#CAMPAIGN_VIEW}. Served with the console.
     */
    public static final String CAMPAIGN_LEAD_IDS = "/leads/whatsapp/campaigns/{id}/lead-ids";
    /** A campaign's live figures as server-sent events: {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String CAMPAIGN_STREAM = "/leads/whatsapp/campaigns/{id}/stream";
    /** Reads an uploaded list of lead ids for a target: {@code POST} (multipart {@code file}), needs {@link Permission#CAMPAIGN_CREATE}. */
    public static final String CAMPAIGN_TARGET_CSV = "/leads/whatsapp/campaigns/target-csv";
    /** Sends a test to the acting user's own number: {@code POST} (JSON), needs {@link Permission#CAMPAIGN_CREATE}. */
    public static final String CAMPAIGN_TEST_SEND = "/leads/whatsapp/campaigns/test-send";
    /** Checks a bulk send without sending: {@code POST}, needs {@link Permission#BULK_SEND}. */
    public static final String BULK_SEND_CHECK = "/leads/whatsapp/bulk-send/check";
    /** The message log ({@code ?leadId=&campaignId=&status=&after=&limit=}): {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String MESSAGES = "/leads/whatsapp/messages";
    /** The replies matched to leads ({@code ?after=&limit=}): {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String REPLIES = "/leads/whatsapp/replies";
    /** The delivery tracker's counters: {@code GET}, needs {@link Permission#CAMPAIGN_VIEW}. */
    public static final String TRACKING = "/leads/whatsapp/tracking";
    /**
     * A lead's WhatsApp timeline ({@code ?before=&limit=}): {@code GET}, needs {@link Permission#SEND} or
     * {@link Permission#CAMPAIGN_VIEW}.
     */
    public static final String LEAD_MESSAGES = "/leads/{lead}/whatsapp/messages";
    /** A lead's attachments: {@code GET}, needs {@link Permission#SEND} or {@link Permission#CAMPAIGN_VIEW}. */
    public static final String LEAD_ATTACHMENTS = "/leads/{lead}/whatsapp/attachments";
    /** Downloads a message's attachment: {@code GET}, needs {@link Permission#SEND} or {@link Permission#CAMPAIGN_VIEW}. */
    public static final String ATTACHMENT = "/leads/whatsapp/attachments/{messageId}";
    /**
     * What one automation rule (saved or being edited) would send now, recording nothing: {@code POST}
     * (JSON, or a form from the console), needs {@link Permission#CAMPAIGN_CREATE}.
     */
    public static final String AUTOMATION_DRY_RUN = "/leads/whatsapp/automation-rules/dry-run";
    /** The Cloud API webhook: {@code GET} handshake and {@code POST} events; authenticated by signature only. */
    public static final String WEBHOOK = "/leads/whatsapp/webhook";

    /** The console's entry: {@code GET}, any signed-in user; opens the first section the user may see. */
    public static final String CONSOLE = "/leads/whatsapp";
    /** The console's stylesheet, scripts and WebJars: {@code GET}, open (they hold no data). */
    public static final String UI_ASSETS = "/leads/whatsapp/assets/**";
    /** The bulk-send modal, an HTML fragment for host pages: {@code GET}, needs {@link Permission#BULK_SEND}. */
    public static final String EMBED_BULK_SEND = "/leads/whatsapp/embed/bulk-send";
    /**
     * A lead's WhatsApp tab, an HTML fragment for the host's lead page ({@code ?before=} for older
     * entries): {@code GET}, needs {@link Permission#SEND} or {@link Permission#CAMPAIGN_VIEW}.
     */
    public static final String LEAD_TAB = "/leads/{lead}/whatsapp/tab";
    /** The campaign builder page: {@code GET} ({@code text/html}), needs {@link Permission#CAMPAIGN_CREATE}. */
    public static final String CAMPAIGN_BUILDER = "/leads/whatsapp/campaigns/create";

    /** The new-template page: {@code GET} ({@code text/html}), needs {@link Permission#TEMPLATE_MANAGE}. */
    public static final String TEMPLATE_NEW = "/leads/whatsapp/templates/new";
    /** A template's edit page: {@code GET} ({@code text/html}), needs {@link Permission#TEMPLATE_MANAGE}. */
    public static final String TEMPLATE_EDIT = "/leads/whatsapp/templates/{id}/edit";
    /** The new-rule page: {@code GET} ({@code text/html}), needs {@link Permission#CAMPAIGN_CREATE}. */
    public static final String AUTOMATION_RULE_NEW = "/leads/whatsapp/automation-rules/new";
    /**
     * A rule's page: {@code GET} ({@code text/html}), needs {@link Permission#CAMPAIGN_VIEW}; the editor
     * for a user who also holds {@link Permission#CAMPAIGN_CREATE}, read-only for others.
     */
    public static final String AUTOMATION_RULE_EDIT = "/leads/whatsapp/automation-rules/{id}/edit";

    private Routes() {
    }
}
