package ch.procura.keycloak.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunksTest {

    @Test
    void cutsIntoPiecesOfAtMostTheSizeInOrder() {
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), Chunks.of(List.of(1, 2, 3, 4, 5), 2));
        assertEquals(List.of(List.of(1, 2)), Chunks.of(List.of(1, 2), 2));
    }

    @Test
    void nothingGivesNoChunk() {
        assertEquals(List.of(), Chunks.of(List.of(), 1_000));
    }

    @Test
    void twoThousandAndOneIdsMakeThreeQueries() {
        List<Integer> ids = IntStream.range(0, 2_001).boxed().toList();
        List<List<Integer>> chunks = Chunks.of(ids, 1_000);
        assertEquals(List.of(1_000, 1_000, 1), chunks.stream().map(List::size).toList());
        assertEquals(ids, chunks.stream().flatMap(List::stream).toList());
    }

    @Test
    void refusesANonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> Chunks.of(List.of(1), 0));
    }
}
