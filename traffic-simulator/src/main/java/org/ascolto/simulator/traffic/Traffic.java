package org.ascolto.simulator.traffic;

import java.util.Map;
import java.util.random.RandomGenerator;

/** The stream of contacts: channel by the current mix, new citizens, and citizens coming back on another channel. */
public final class Traffic {

    /** Milan-like share of contacts from a citizen who already wrote about the same matter on another channel. */
    public static final double RETURNING = 0.12;
    private static final int REMEMBERED = 50_000;

    private final Messages messages;
    private final Citizens citizens;
    private final RandomGenerator random;
    private final double returningShare;
    /** Recent first contacts: a returning citizen comes back about one of them. */
    private final Contact[] recent = new Contact[REMEMBERED];
    private long sequence;
    private long firstContacts;

    public Traffic(Messages messages, RandomGenerator random, String run, double returningShare) {
        this.messages = messages;
        this.citizens = new Citizens(random, run);
        this.random = random;
        this.returningShare = returningShare;
    }

    public synchronized Contact next(Map<Channel, Double> mix) {
        Channel channel = pick(mix);
        long number = sequence++;
        Contact earlier = firstContacts > 0 && random.nextDouble() < returningShare
                ? recent[random.nextInt((int) Math.min(firstContacts, REMEMBERED))]
                : null;
        if (earlier != null && earlier.channel() != channel) {
            return new Contact(number, channel, earlier.citizen(),
                    messages.pickAbout(earlier.message().category(), channel, random), true);
        }
        Citizen citizen = citizens.next();
        Contact contact = new Contact(number, channel, citizen, messages.pick(channel, citizen.language(), random), false);
        recent[(int) (firstContacts++ % REMEMBERED)] = contact;
        return contact;
    }

    private Channel pick(Map<Channel, Double> mix) {
        double total = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        double draw = random.nextDouble() * total;
        for (Map.Entry<Channel, Double> share : mix.entrySet()) {
            draw -= share.getValue();
            if (draw < 0) {
                return share.getKey();
            }
        }
        return mix.keySet().iterator().next();
    }
}
