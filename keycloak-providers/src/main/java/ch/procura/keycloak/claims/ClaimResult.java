package ch.procura.keycloak.claims;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The claim once cut to size: the entries to emit, whether they are all of the user's, and the
 * active organization when the application chose one the user has an entry for.
 *
 * @param entries            organization identifier → entry, sorted by identifier
 * @param complete           {@code false} when entries were left out because there were too many
 * @param activeOrganization the organization the application asked for, or {@code null}
 */
public record ClaimResult(SortedMap<String, Map<String, Object>> entries, boolean complete, String activeOrganization) {

    /** The claim that names the active organization, whatever the mapper's claim name. */
    public static final String ACTIVE_ORGANIZATION_CLAIM = "active_organization";

    /** Appended to the claim name for the claim that says whether the entries are all there. */
    public static final String COMPLETE_SUFFIX = "_complete";

    public ClaimResult {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        activeOrganization = Text.orNull(activeOrganization);
    }

    /**
     * Keeps every entry when there are at most {@code maxOrganizations}; otherwise keeps only the
     * active organization's (none when no active organization was asked for or the user has no
     * entry for it), so that a delegate of a fiduciary with a thousand mandates still gets a small
     * token. The active organization is reported only when the user has an entry for it, so that a
     * request parameter can never name an organization the token says nothing about.
     */
    static ClaimResult limit(SortedMap<String, Map<String, Object>> entries, int maxOrganizations, String active) {
        String requested = Text.orNull(active);
        String known = requested != null && entries.containsKey(requested) ? requested : null;
        if (entries.size() <= maxOrganizations) {
            return new ClaimResult(entries, true, known);
        }
        SortedMap<String, Map<String, Object>> kept = new TreeMap<>();
        if (known != null) {
            kept.put(known, entries.get(known));
        }
        return new ClaimResult(kept, false, known);
    }

    /** The token claims, in a fixed order: {@code <name>}, {@code <name>_complete}, {@code active_organization}. */
    public Map<String, Object> toClaims(String claimName) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(claimName, entries);
        claims.put(claimName + COMPLETE_SUFFIX, complete);
        if (activeOrganization != null) {
            claims.put(ACTIVE_ORGANIZATION_CLAIM, activeOrganization);
        }
        return claims;
    }
}
