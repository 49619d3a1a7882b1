package org.ascolto.localinfra;

import java.util.function.Supplier;

/**
 * A value worked out once per JVM, whatever class loader asks (Quarkus runs tests in class loaders of its own, each
 * with its own statics): kept as a system property, so it must be text. Callers synchronize.
 */
final class PerJvm {

    private PerJvm() {
    }

    static String get(String key, Supplier<String> compute) {
        String known = System.getProperty(key);
        if (known == null) {
            known = compute.get();
            System.setProperty(key, known);
        }
        return known;
    }
}
