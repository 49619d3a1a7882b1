package org.ascolto.analytics;

import org.ascolto.keyring.Keyring;
import org.ascolto.keyring.MasterKey;
import org.ascolto.keyring.SealedRecords;
import org.ascolto.localinfra.TestDatabase;
import org.ascolto.localinfra.TestKeyring;

/** The records the adapters and routing write, sealed with the test JVM's keyring: analytics counts them unopened. */
public final class TestRecords {

    private static SealedRecords sealed;

    private TestRecords() {
    }

    public static synchronized SealedRecords sealed() {
        if (sealed == null) {
            sealed = new SealedRecords(Keyring.connect(TestKeyring.jdbcUrl(), TestDatabase.user(), TestKeyring.password(),
                    MasterKey.of(TestKeyring.MASTER_KEY)));
        }
        return sealed;
    }
}
