package org.ascolto.keyring;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final String RANDOM = Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    @Test
    void productionRefusesNoMasterKeyAndTheDevelopmentOneNamingTheVariable() {
        for (String refused : new String[] {"unset", "", " ", MasterKey.DEVELOPMENT}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> KeyringBeans.masterKey(refused, true));
            assertTrue(e.getMessage().contains("ASCOLTO_KEYRING_MASTER_KEY"), e.getMessage());
        }
        assertNotNull(KeyringBeans.masterKey(RANDOM, true));
        assertNotNull(KeyringBeans.masterKey(MasterKey.DEVELOPMENT, false), "dev, test and the local run take the development key");
    }

    @Test
    void aMasterKeyIs32BytesInBase64AndARefusalNeverQuotesIt() {
        String wrongLength = Base64.getEncoder().encodeToString(new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MasterKey.of(wrongLength));
        assertTrue(e.getMessage().contains("32 bytes") && !e.getMessage().contains(wrongLength), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MasterKey.of("not base64!"));
        assertThrows(IllegalArgumentException.class, () -> KeyringBeans.masterKey("not base64!", false));
    }
}
