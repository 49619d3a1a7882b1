package org.ascolto.web.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FiscalCodeValidatorTest {

    @Test
    void acceptsCodesWhoseCheckCharacterMatchesInAnyCase() {
        assertTrue(FiscalCodeValidator.isValid("RSSMRA85T10A562S"));
        assertTrue(FiscalCodeValidator.isValid(" rssmra85t10a562s "));
    }

    @Test
    void acceptsHomocodesWhereDigitsBecameLetters() {
        // the last digit 2 of RSSMRA85T10A562S written as the letter N, with its own check character
        assertTrue(FiscalCodeValidator.isValid("RSSMRA85T10A56NH"));
    }

    @Test
    void refusesAWrongCheckCharacterOrShape() {
        assertFalse(FiscalCodeValidator.isValid("RSSMRA85T10A562X"));
        assertFalse(FiscalCodeValidator.isValid("RSSMRA85Z10A562S"));
        assertFalse(FiscalCodeValidator.isValid("RSSMRA85T10A562"));
        assertFalse(FiscalCodeValidator.isValid("12345678901"));
    }
}
