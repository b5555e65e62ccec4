package io.leadreach.internal;

import io.leadreach.LeadReach;
import io.leadreach.campaign.CampaignRunner;
import io.leadreach.tracking.DeliveryTracker;
import io.leadreach.tracking.LeadActivitySink;
import io.leadreach.tracking.ReplyStore;
import io.leadreach.tracking.TrackingConfig;
import java.util.Objects;

/**
 * How the implementation reaches what the public classes keep out of their API: the {@link Wiring}
 * of a {@link LeadReach}, and the making of its {@link CampaignRunner} and {@link DeliveryTracker}
 * (whose constructors take the wiring and are not public). Each of those classes registers its part
 * when it is initialised; a second registration is refused. Not API, like all of this package.
 */
public final class Access {

    /** What {@link LeadReach} lets the implementation see. */
    public interface OfLeadReach {
        Wiring wiring(LeadReach leadReach);
    }

    /** What {@link CampaignRunner} lets the implementation do. */
    public interface OfRunner {
        CampaignRunner create(Wiring wiring);

        int cancelOpenIfCancelled(CampaignRunner runner, long campaignId);
    }

    /** What {@link DeliveryTracker} lets the implementation do. */
    public interface OfTracker {
        DeliveryTracker create(Wiring wiring, CampaignRunner runner, LeadActivitySink sink, TrackingConfig config,
                               ReplyStore replies);
    }

    private static volatile OfLeadReach leadReach;
    private static volatile OfRunner runner;
    private static volatile OfTracker tracker;

    private Access() {
    }

    public static synchronized void register(OfLeadReach access) {
        leadReach = once(leadReach, access);
    }

    public static synchronized void register(OfRunner access) {
        runner = once(runner, access);
    }

    public static synchronized void register(OfTracker access) {
        tracker = once(tracker, access);
    }

    /** The ports and settings this {@link LeadReach} was assembled from. */
    public static Wiring wiring(LeadReach lr) {
        return leadReach.wiring(Objects.requireNonNull(lr, "leadReach")); // lr's class registered when it loaded
    }

    public static CampaignRunner newRunner(Wiring wiring) {
        initialise(CampaignRunner.class);
        return runner.create(wiring);
    }

    /** {@link CampaignRunner}'s guard against a cancel racing a step that made recipients PENDING. */
    public static int cancelOpenIfCancelled(CampaignRunner r, long campaignId) {
        return runner.cancelOpenIfCancelled(r, campaignId);
    }

    public static DeliveryTracker newTracker(Wiring wiring, CampaignRunner r, LeadActivitySink sink,
                                             TrackingConfig config, ReplyStore replies) {
        initialise(DeliveryTracker.class);
        return tracker.create(wiring, r, sink, config, replies);
    }

    private static <T> T once(T current, T access) {
        if (current != null) {
            throw new IllegalStateException("already registered: " + current);
        }
        return Objects.requireNonNull(access);
    }

    /** Runs the class's static initialiser, which registers its access, if it has not run yet. */
    private static void initialise(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
