package org.ascolto.simulator.traffic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/** New citizens of Milan: most write in Italian, then English and the languages of the city's large communities. */
public final class Citizens {

    private record Community(String language, double share, List<String> firstNames, List<String> lastNames) {
    }

    private static final List<Community> COMMUNITIES = List.of(
            new Community("it", 0.82, List.of("Giulia", "Marco", "Francesca", "Luca", "Anna", "Giuseppe", "Chiara", "Paolo", "Rosa", "Alberto"),
                    List.of("Rossi", "Bianchi", "Colombo", "Ferrari", "Brambilla", "Galli", "Fontana", "Ricci", "Villa", "Sala")),
            new Community("en", 0.07, List.of("Emily", "James", "Sarah", "David"), List.of("Smith", "Taylor", "Brown", "Wilson")),
            new Community("zh", 0.02, List.of("Wei", "Li", "Xiaoming", "Jing"), List.of("Chen", "Hu", "Zhou", "Wang")),
            new Community("ar", 0.02, List.of("Ahmed", "Fatima", "Youssef", "Amina"), List.of("Hassan", "El Amrani", "Mahmoud", "Benali")),
            new Community("es", 0.02, List.of("Carlos", "Lucía", "Jorge", "Rosa"), List.of("Flores", "Quispe", "Torres", "Mendoza")),
            new Community("ro", 0.02, List.of("Andrei", "Ioana", "Mihai", "Elena"), List.of("Popescu", "Ionescu", "Dumitru", "Stan")),
            new Community("tl", 0.015, List.of("Maria", "Jose", "Rowena", "Mark"), List.of("Santos", "Reyes", "Cruz", "Bautista")),
            new Community("fr", 0.015, List.of("Amadou", "Claire", "Moussa", "Aïcha"), List.of("Diallo", "Martin", "Traoré", "Ndiaye")));

    private static final Map<Character, Character> PLAIN = Map.of('í', 'i', 'ï', 'i', 'é', 'e');

    private final RandomGenerator random;
    private final String run;
    private int created;

    /** {@code run} keeps e-mail addresses apart between runs; phone numbers repeat, as callers do. */
    public Citizens(RandomGenerator random, String run) {
        this.random = random;
        this.run = run;
    }

    public Citizen next() {
        int number = ++created;
        Community community = community(random.nextDouble());
        String first = community.firstNames().get(random.nextInt(community.firstNames().size()));
        String last = community.lastNames().get(random.nextInt(community.lastNames().size()));
        String handle = plain(first + "." + last).replace(' ', '-') + "." + number;
        return new Citizen(number, first + " " + last, handle + "." + run + "@example.org",
                String.format(Locale.ROOT, "+39347%07d", number % 10_000_000),
                community.language(),
                Long.toString(7_100_000_000_000_000L + number),
                Long.toString(17_841_400_000_000_000L + number),
                handle.replace('.', '_'));
    }

    private static Community community(double draw) {
        double cumulative = 0;
        for (Community community : COMMUNITIES) {
            cumulative += community.share();
            if (draw < cumulative) {
                return community;
            }
        }
        return COMMUNITIES.get(0);
    }

    private static String plain(String name) {
        StringBuilder plain = new StringBuilder();
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            plain.append(PLAIN.getOrDefault(c, c));
        }
        return plain.toString();
    }
}
