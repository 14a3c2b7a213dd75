package io.dashtam.providers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a provider reported beside its data (SimpleFIN's {@code errors}), as Dashtam stores and shows it: each
 * message without control or bidirectional-override characters, blanks collapsed, at most {@link #MAX_LENGTH}
 * characters; duplicates and empty ones dropped; at most {@link #MAX_COUNT} messages, the last then saying how many
 * more there were. Adapters sanitize their own text first; this bound holds whatever an adapter sends.
 */
public record ProviderWarnings(List<String> messages) {

    public static final int MAX_COUNT = 10;
    public static final int MAX_LENGTH = 300;
    public static final ProviderWarnings NONE = new ProviderWarnings(List.of());

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    public ProviderWarnings {
        var clean = new LinkedHashSet<String>();
        for (String raw : messages == null ? List.<String>of() : messages) {
            String text = raw == null ? "" : BLANKS.matcher(CONTROL.matcher(raw).replaceAll(" ")).replaceAll(" ")
                    .strip();
            if (text.length() > MAX_LENGTH) {
                text = text.substring(0, MAX_LENGTH - 1) + "…";
            }
            if (!text.isEmpty()) {
                clean.add(text);
            }
        }
        var bounded = new ArrayList<>(clean);
        if (bounded.size() > MAX_COUNT) {
            int more = bounded.size() - (MAX_COUNT - 1);
            bounded.subList(MAX_COUNT - 1, bounded.size()).clear();
            bounded.add("… and " + more + " more messages from the provider");
        }
        messages = List.copyOf(bounded);
    }

    public static ProviderWarnings of(List<String> messages) {
        return messages == null || messages.isEmpty() ? NONE : new ProviderWarnings(messages);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
