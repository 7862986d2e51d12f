package ch.procura.keycloak.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the organization-keyed claim from plain views of the user's groups, so that a right held
 * for organization A never reads as a right for B.
 *
 * <p>Everything is sorted (organizations, rights, units) so that the same groups always give the
 * same token, whatever order Keycloak returns them in. Entries are maps and lists of strings, which
 * Keycloak serializes into the token as they are.
 */
public final class OrganizationClaims {

    /** Membership roles, strongest first; a person holding two keeps the strongest. */
    static final List<String> ROLE_RANK =
            List.of("legal_representative", "deputy", "manager", "member", "observer");

    /** The role a person acting only through a mandate holds. */
    static final String DELEGATE = "delegate";

    private static final Comparator<String> BY_RANK = Comparator
            .comparingInt((String role) -> rank(role))
            .thenComparing(Comparator.naturalOrder());

    private OrganizationClaims() {
    }

    /**
     * Mode {@code rights}: {@code {"<org>": {"rights": [...], "units": {"<unit>": [...]}, "via": "<fiduciary>"}}}.
     * {@code rights} is always there (whole-organization rights, possibly empty); {@code units} only
     * when some right is limited to a unit and not already held on the whole organization;
     * {@code via} only when a mandate gives some of the rights. Grants without rights are ignored,
     * so an organization with no right for the token's client is absent.
     */
    public static ClaimResult rights(Collection<GrantView> grants, int maxOrganizations, String activeOrganization) {
        SortedMap<String, RightsEntry> byOrganization = new TreeMap<>();
        for (GrantView grant : grants) {
            if (!grant.rights().isEmpty()) {
                byOrganization.computeIfAbsent(grant.organization(), key -> new RightsEntry()).add(grant);
            }
        }
        SortedMap<String, Map<String, Object>> entries = new TreeMap<>();
        byOrganization.forEach((organization, entry) -> entries.put(organization, entry.toClaim()));
        return ClaimResult.limit(entries, maxOrganizations, activeOrganization);
    }

    /**
     * Mode {@code roles}: {@code {"<org>": {"role": "manager"}}} from role groups, and
     * {@code {"<client>": {"role": "delegate", "via": "<fiduciary>"}}} from mandate groups. A person
     * with both a role and a delegation for one organization keeps the role and gets {@code via}.
     */
    public static ClaimResult roles(Collection<RoleView> views, int maxOrganizations, String activeOrganization) {
        SortedMap<String, RoleEntry> byOrganization = new TreeMap<>();
        for (RoleView view : views) {
            byOrganization.computeIfAbsent(view.organization(), key -> new RoleEntry()).add(view);
        }
        SortedMap<String, Map<String, Object>> entries = new TreeMap<>();
        byOrganization.forEach((organization, entry) -> entries.put(organization, entry.toClaim()));
        return ClaimResult.limit(entries, maxOrganizations, activeOrganization);
    }

    private static int rank(String role) {
        int index = ROLE_RANK.indexOf(role);
        return index < 0 ? ROLE_RANK.size() : index;
    }

    /** One organization's rights while they are being gathered. */
    private static final class RightsEntry {
        private final SortedSet<String> whole = new TreeSet<>();
        private final SortedMap<String, SortedSet<String>> units = new TreeMap<>();
        private final SortedSet<String> vias = new TreeSet<>();

        void add(GrantView grant) {
            if (grant.unit() == null) {
                whole.addAll(grant.rights());
            } else {
                units.computeIfAbsent(grant.unit(), key -> new TreeSet<>()).addAll(grant.rights());
            }
            if (grant.via() != null) {
                vias.add(grant.via());
            }
        }

        Map<String, Object> toClaim() {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("rights", new ArrayList<>(whole));
            Map<String, Object> limited = new LinkedHashMap<>();
            units.forEach((unit, rights) -> {
                // A right held on the whole organization already covers every unit.
                List<String> extra = rights.stream().filter(right -> !whole.contains(right)).toList();
                if (!extra.isEmpty()) {
                    limited.put(unit, new ArrayList<>(extra));
                }
            });
            if (!limited.isEmpty()) {
                claim.put("units", limited);
            }
            if (!vias.isEmpty()) {
                // Two fiduciaries both mandated by one client, with the same person as delegate, is
                // not expected; the smallest identifier keeps the token deterministic if it happens.
                claim.put("via", vias.first());
            }
            return claim;
        }
    }

    /** One organization's role while it is being gathered. */
    private static final class RoleEntry {
        private final SortedSet<String> roles = new TreeSet<>(BY_RANK);
        private final SortedSet<String> vias = new TreeSet<>();

        void add(RoleView view) {
            if (view.role() != null) {
                roles.add(view.role());
            }
            if (view.via() != null) {
                vias.add(view.via());
            }
        }

        Map<String, Object> toClaim() {
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("role", roles.isEmpty() ? DELEGATE : roles.first());
            if (!vias.isEmpty()) {
                claim.put("via", vias.first());
            }
            return claim;
        }
    }
}
