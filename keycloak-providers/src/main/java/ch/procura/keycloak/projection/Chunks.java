package ch.procura.keycloak.projection;

import java.util.ArrayList;
import java.util.List;

/** Cuts id lists into the bounded pieces an SQL {@code IN} list takes (Oracle stops at 1,000). */
final class Chunks {

    private Chunks() {
    }

    /** Consecutive views of {@code items}, each of at most {@code size} elements; none when empty. */
    static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }
}
