package ch.procura.keycloak.projection;

import java.util.List;
import java.util.Map;

/** What one change did, in the order of the request. */
public sealed interface ChangeResult {

    /** A user or group was created with this id. */
    record Created(String id) implements ChangeResult {
    }

    /**
     * Nothing was created: a user with that username or e-mail, or a group with that name under that
     * parent, exists already (the caller decides whether it is the object it meant: a run stopped
     * between create and record, or someone else's).
     */
    record Existed(String id, Map<String, List<String>> attributes) implements ChangeResult {
    }

    /** A role mapping or a membership was added or removed (or was already as asked). */
    record Applied() implements ChangeResult {
    }
}
