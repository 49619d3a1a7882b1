package org.ascolto.routing.domain;

/**
 * Features are named by a 64-bit FNV-1a hash of their characters, computed character by character,
 * so that a message's hundreds of n-grams are looked up without building a string for each. Two
 * different features of one vocabulary share a hash with a probability of about 10^-10: negligible
 * beside the models' own errors.
 */
final class FeatureHash {

    static final long EMPTY = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private FeatureHash() {
    }

    static long add(long hash, char c) {
        return (hash ^ c) * PRIME;
    }

    static long add(long hash, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            hash = add(hash, text.charAt(i));
        }
        return hash;
    }

    static long of(CharSequence text) {
        return add(EMPTY, text);
    }

    /** The name the training library knows the feature by. */
    static String name(long hash) {
        return Long.toHexString(hash);
    }
}
