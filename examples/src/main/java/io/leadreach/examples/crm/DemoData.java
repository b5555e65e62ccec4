package io.leadreach.examples.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds an empty CRM with demo leads, the customers converted from some of them, and a few
 * customers who were never leads (walk-ins): fictional names, and numbers from the 555-0100..0199
 * block that the North American Numbering Plan keeps for fiction, in four area codes for the leads
 * (so at most 400 of them), each lead in its area's time zone, and a fifth for the walk-ins. Seeded randomness: every
 * fresh database gets the same data. A database that already holds leads is left alone.
 */
@Component
@Order(1)
public class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** Area code and its time zone. */
    private record Area(String code, String zone) {
    }

    private static final List<Area> AREAS = List.of(new Area("201", "America/New_York"),
            new Area("312", "America/Chicago"), new Area("415", "America/Los_Angeles"),
            new Area("303", "America/Denver"));
    private static final List<String> FIRST = List.of("Ada", "Bruno", "Carmen", "Dmitri", "Elena", "Farid", "Grace",
            "Hiro", "Ines", "Jonas", "Keira", "Luis", "Maya", "Nikolai", "Olivia", "Priya", "Quinn", "Rafael", "Sofia",
            "Tomas", "Uma", "Victor", "Wen", "Ximena", "Yusuf", "Zoe");
    private static final List<String> LAST = List.of("Abernathy", "Blackwood", "Castellan", "Dunmore", "Everly",
            "Fairbanks", "Greystone", "Hollis", "Ironwood", "Jessop", "Kettleby", "Larkspur", "Merriweather",
            "Northcott", "Oakhurst", "Pemberton", "Quillfeather", "Ravenscroft", "Stormont", "Thistlewood");
    private static final List<String> STATUSES = List.of("new", "new", "contacted", "contacted", "qualified",
            "qualified", "proposal", "negotiation", "lost");
    private static final List<String> SOURCES = List.of("website", "referral", "trade-show", "facebook-ads",
            "google-ads", "walk-in");
    private static final List<String> PRIORITIES = List.of("low", "medium", "medium", "high");
    private static final List<String> OWNERS = List.of("maria", "sam", "lee");
    /** Customers who never were leads, with numbers from area code 617's fictional block. */
    private static final List<String> WALK_INS = List.of("Beatrix Hollowell", "Cyrus Wexford", "Delphine Marchbank",
            "Evander Cole", "Freya Lindqvist", "Gideon Ashby");
    private static final List<String> PRODUCTS = List.of("home loan", "car insurance", "savings plan", "health cover");

    private final LeadRepository leads;
    private final CustomerRepository customers;
    private final Clock clock;
    private final int count;

    /** The seeder of {@code demo.leads} leads (320 by default, at most 400). */
    public DemoData(LeadRepository leads, CustomerRepository customers, Clock clock,
                    @Value("${demo.leads:320}") int count) {
        this.leads = leads;
        this.customers = customers;
        this.clock = clock;
        this.count = Math.max(0, Math.min(count, AREAS.size() * 100));
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (leads.count() > 0) {
            log.info("Demo CRM: {} leads and {} customers already in the database", leads.count(), customers.count());
            return;
        }
        Instant now = clock.instant();
        List<Lead> batch = generate(count, now);
        leads.saveAll(batch);
        List<Customer> converted = batch.stream().filter(l -> l.status().equals("converted"))
                .map(l -> Customer.convertedFrom(l, earliest(now, l.createdAt().plus(Duration.ofDays(3 + i(l))))))
                .toList();
        customers.saveAll(converted);
        List<Customer> walkIns = walkIns();
        customers.saveAll(walkIns);
        log.info("Demo CRM seeded: {} leads, {} of them converted to customers, and {} customers who were never leads",
                batch.size(), converted.size(), walkIns.size());
    }

    /**
     * The demo leads of a fresh database: the same for the same count and moment. Every tenth lead
     * is in the {@code converted} stage.
     *
     * @param count how many, at most 400
     * @param now   the moment they are created relative to
     */
    static List<Lead> generate(int count, Instant now) {
        if (count < 0 || count > AREAS.size() * 100) {
            throw new IllegalArgumentException("between 0 and " + AREAS.size() * 100 + " demo leads, not " + count);
        }
        Random random = new Random(2026);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Lead> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Area area = AREAS.get(i / 100);
            String mobile = String.format(Locale.ROOT, "+1%s5550%03d", area.code(), 100 + i % 100);
            String name = pick(random, FIRST) + " " + pick(random, LAST);
            Instant created = now.minus(Duration.ofMinutes(random.nextInt(180 * 24 * 60)));
            Lead lead = new Lead(String.format(Locale.ROOT, "L-2026-%04d", i + 1), name, mobile,
                    i % 10 == 9 ? "converted" : pick(random, STATUSES), pick(random, SOURCES),
                    pick(random, PRIORITIES), pick(random, OWNERS), pick(random, PRODUCTS), created, area.zone());
            lead.dates(LocalDate.of(1955 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    random.nextInt(3) == 0 ? LocalDate.of(1985 + random.nextInt(35), 1 + random.nextInt(12),
                            1 + random.nextInt(28)) : null,
                    random.nextInt(2) == 0 ? today.plusDays(random.nextInt(365)) : null);
            batch.add(lead);
        }
        return batch;
    }

    /** The customers of a fresh database who were never leads. */
    static List<Customer> walkIns() {
        List<Customer> list = new ArrayList<>();
        for (int i = 0; i < WALK_INS.size(); i++) {
            list.add(Customer.of(WALK_INS.get(i), String.format(Locale.ROOT, "+1617555%04d", 100 + i)));
        }
        return list;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static int i(Lead lead) {
        return lead.name().length();
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
