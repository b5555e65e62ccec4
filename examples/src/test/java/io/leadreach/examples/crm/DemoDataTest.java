package io.leadreach.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void demoLeadsHaveDistinctFictionalNumbersThatWhatsAppWouldAccept() {
        List<Lead> leads = DemoData.generate(400, NOW);
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        assertThat(leads).hasSize(400);
        assertThat(leads).extracting(Lead::mobile).doesNotHaveDuplicates()
                .allMatch(m -> m.matches("\\+1\\d{3}55501\\d{2}"), "in a 555-01xx block kept for fiction")
                .allMatch(m -> phones.isValidNumber(parse(phones, m)), "valid for libphonenumber");
        assertThat(leads).extracting(Lead::leadNumber).doesNotHaveDuplicates();
        assertThat(leads).allSatisfy(l -> {
            assertThat(ZoneId.of(l.timeZone())).isNotNull();
            assertThat(l.createdAt()).isBeforeOrEqualTo(NOW);
            assertThat(l.birthday()).isNotNull();
        });
        assertThat(leads).filteredOn(l -> l.status().equals("converted")).hasSize(40);
        assertThat(leads).filteredOn(l -> l.status().equals("qualified")).isNotEmpty();
    }

    @Test
    void walkInCustomersWereNeverLeadsAndHaveFictionalNumbersOfTheirOwn() {
        List<String> leadMobiles = DemoData.generate(400, NOW).stream().map(Lead::mobile).toList();
        List<Customer> walkIns = DemoData.walkIns();
        assertThat(walkIns).isNotEmpty().allSatisfy(c -> {
            assertThat(c.originalLead()).isNull();
            assertThat(c.convertedAt()).isNull();
            assertThat(c.mobile()).matches("\\+161755501\\d{2}").isNotIn(leadMobiles);
        });
        assertThat(walkIns).extracting(Customer::mobile).doesNotHaveDuplicates();
    }

    @Test
    void theSameCountAndMomentGiveTheSameLeads() {
        assertThat(DemoData.generate(50, NOW)).extracting(Lead::name, Lead::mobile, Lead::status)
                .isEqualTo(DemoData.generate(50, NOW).stream()
                        .map(l -> org.assertj.core.groups.Tuple.tuple(l.name(), l.mobile(), l.status())).toList());
    }

    @Test
    void moreLeadsThanTheFictionalBlocksHoldAreRefused() {
        assertThatThrownBy(() -> DemoData.generate(401, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parse(PhoneNumberUtil phones, String e164) {
        try {
            return phones.parse(e164, null);
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
            throw new AssertionError(e);
        }
    }
}
