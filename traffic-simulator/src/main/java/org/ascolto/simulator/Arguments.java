package org.ascolto.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options: {@code --name value}, {@code --flag}, and positional words. */
final class Arguments {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    Arguments(String[] args, Set<String> flags) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
            } else if (flags.contains(arg)) {
                options.put(arg, "true");
            } else if (i + 1 < args.length) {
                options.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
    }

    List<String> positional() {
        return positional;
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String text(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    long count(String name, long otherwise) {
        return options.containsKey(name) ? Long.parseLong(options.get(name).replace("_", "")) : otherwise;
    }

    /** A rate such as {@code 50/s}, {@code 3000/min} or {@code 50}. */
    double rate(String name, double otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        String[] parts = value.split("/", 2);
        double amount = Double.parseDouble(parts[0]);
        return parts.length == 1 || parts[1].equals("s") ? amount
                : parts[1].equals("min") ? amount / 60
                : parts[1].equals("h") ? amount / 3600
                : fail(name, value);
    }

    /** A duration such as {@code 90s}, {@code 5m}, {@code 2h}. */
    Duration duration(String name, Duration otherwise) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds((long) fail(name, value));
        };
    }

    private static double fail(String name, String value) {
        throw new IllegalArgumentException("cannot read " + name + " " + value);
    }
}
