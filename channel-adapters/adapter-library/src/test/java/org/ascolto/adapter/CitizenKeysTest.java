package org.ascolto.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class CitizenKeysTest {

    private final CitizenKeys keys = new CitizenKeys("test-secret");

    @Test
    void aPhoneNumberIsTheSameCitizenWhateverTheChannelWroteIt() {
        String fromCall = PhoneNumbers.toE164("02 8845 1234", "IT").orElseThrow();
        String fromWhatsApp = PhoneNumbers.fromInternationalDigits("390288451234").orElseThrow();
        String typed = PhoneNumbers.toE164("+39 02 88451234", "IT").orElseThrow();
        assertEquals("+390288451234", fromCall);
        assertEquals(fromCall, fromWhatsApp);
        assertEquals(fromCall, typed);
        assertEquals(keys.phone(fromCall), keys.phone(fromWhatsApp));
    }

    @Test
    void aFormWithAPhoneHasTheKeyOfThatPhoneOnEveryOtherChannelOneWithoutHasTheKeyOfItsEmailThenOfItsAccount() {
        String typedOnTheForm = PhoneNumbers.toE164("333 123 4567", "IT").orElseThrow();
        String whatsAppSender = PhoneNumbers.fromInternationalDigits("393331234567").orElseThrow();
        assertEquals(keys.phone(whatsAppSender), keys.ofForm(typedOnTheForm, "Giulia.Bianchi@example.org", "web", null));
        assertEquals(keys.email("giulia.bianchi@example.org"), keys.ofForm(null, "Giulia.Bianchi@example.org", "web", null));
        assertNotEquals(keys.ofForm(typedOnTheForm, "giulia.bianchi@example.org", "web", null),
                keys.ofForm(null, "giulia.bianchi@example.org", "web", null));
        assertEquals(keys.account("open311", "device-7"), keys.ofForm(null, " ", "open311", "device-7"));
    }

    @Test
    void anAgentsPseudonymIsStableAndSaysNothingOfTheirNameNorEqualsAnyCitizensKey() {
        String agent = keys.pseudonym("agent", "op.rossi");
        assertEquals(agent, keys.pseudonym("agent", "op.rossi"));
        assertNotEquals(agent, keys.pseudonym("agent", "op.bianchi"));
        assertFalse(agent.contains("rossi"));
        assertTrue(agent.matches("agent-[A-Za-z0-9_-]{16}"), agent);
        assertFalse(keys.account("agent", "op.rossi").startsWith(agent.substring("agent-".length())));
        assertNotEquals(agent, new CitizenKeys("another-secret").pseudonym("agent", "op.rossi"), "only the secret's holder can link it");
    }

    @Test
    void emailIsCaseInsensitiveAndAccountsAreScopedByChannel() {
        assertEquals(keys.email("Giulia.Bianchi@Example.org "), keys.email("giulia.bianchi@example.org"));
        assertNotEquals(keys.account("facebook", "123"), keys.account("instagram", "123"));
    }

    @Test
    void theKeyRevealsNothingAndDependsOnTheSecret() {
        String key = keys.phone("+393331234567");
        assertFalse(key.contains("3331234567"));
        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), key);
        assertNotEquals(key, new CitizenKeys("another-secret").phone("+393331234567"));
    }

    @Test
    void impossibleNumbersAreRefused() {
        assertEquals(Optional.empty(), PhoneNumbers.toE164("12", "IT"));
        assertEquals(Optional.empty(), PhoneNumbers.toE164("not a number", "IT"));
    }
}
