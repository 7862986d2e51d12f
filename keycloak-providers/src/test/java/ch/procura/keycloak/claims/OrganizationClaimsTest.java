package ch.procura.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrganizationClaimsTest {

    private static final int MAX = 50;

    private static GrantView whole(String organization, String... rights) {
        return new GrantView(organization, null, null, List.of(rights));
    }

    private static GrantView unit(String organization, String unit, String... rights) {
        return new GrantView(organization, unit, null, List.of(rights));
    }

    private static GrantView mandate(String organization, String via, String... rights) {
        return new GrantView(organization, null, via, List.of(rights));
    }

    @Test
    void keysRightsByOrganization() {
        ClaimResult result = OrganizationClaims.rights(
                List.of(whole("A", "read"), whole("B", "submit"), whole("A", "submit")), MAX, null);

        assertEquals(Map.of(
                "A", Map.of("rights", List.of("read", "submit")),
                "B", Map.of("rights", List.of("submit"))), result.entries());
        assertTrue(result.complete());
    }

    @Test
    void limitsRightsToUnitsOnlyWhereTheWholeOrganizationDoesNotHaveThem() {
        ClaimResult result = OrganizationClaims.rights(List.of(
                whole("A", "read"),
                unit("A", "u-2", "read", "submit"),
                unit("A", "u-1", "sign"),
                unit("A", "u-3", "read")), MAX, null);

        assertEquals(Map.of("A", Map.of(
                "rights", List.of("read"),
                "units", Map.of("u-1", List.of("sign"), "u-2", List.of("submit")))), result.entries());
    }

    @Test
    void unitOnlyRightsLeaveTheWholeOrganizationRightsEmpty() {
        ClaimResult result = OrganizationClaims.rights(List.of(unit("A", "u-1", "read")), MAX, null);

        assertEquals(Map.of("A", Map.of("rights", List.of(), "units", Map.of("u-1", List.of("read")))),
                result.entries());
    }

    @Test
    void namesTheFiduciaryOfAMandate() {
        ClaimResult result = OrganizationClaims.rights(
                List.of(mandate("B", "F", "submit"), whole("A", "read")), MAX, null);

        assertEquals(Map.of("rights", List.of("submit"), "via", "F"), result.entries().get("B"));
        assertEquals(Map.of("rights", List.of("read")), result.entries().get("A"));
    }

    @Test
    void leavesOutOrganizationsWithoutARightOnThisClient() {
        // The mapper passes only this client's roles: a grant for another service arrives empty.
        ClaimResult result = OrganizationClaims.rights(List.of(whole("A", "read"), whole("B")), MAX, null);

        assertEquals(List.of("A"), List.copyOf(result.entries().keySet()));
    }

    @Test
    void removesDuplicates() {
        ClaimResult result = OrganizationClaims.rights(
                List.of(whole("A", "read", "read"), whole("A", "read")), MAX, null);

        assertEquals(List.of("read"), result.entries().get("A").get("rights"));
    }

    @Test
    void givesTheSameClaimWhateverTheOrderOfTheGroups() {
        List<GrantView> grants = new ArrayList<>(List.of(
                whole("C", "b", "a"), unit("A", "u-9", "z"), unit("A", "u-1", "y"),
                mandate("B", "G", "x"), mandate("B", "F", "w"), whole("A", "c")));
        String expected = OrganizationClaims.rights(grants, MAX, null).toClaims("organizations").toString();

        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(grants, random);
            assertEquals(expected, OrganizationClaims.rights(grants, MAX, null).toClaims("organizations").toString());
        }
        assertEquals("{organizations={A={rights=[c], units={u-1=[y], u-9=[z]}}, B={rights=[w, x], via=F},"
                + " C={rights=[a, b]}}, organizations_complete=true}", expected);
    }

    @Test
    void emitsEverythingUpToTheMaximum() {
        ClaimResult result = OrganizationClaims.rights(manyOrganizations(3), 3, null);

        assertEquals(3, result.entries().size());
        assertTrue(result.complete());
    }

    @Test
    void aboveTheMaximumEmitsOnlyTheActiveOrganization() {
        ClaimResult result = OrganizationClaims.rights(manyOrganizations(1000), MAX, "ORG0500");

        assertEquals(Map.of("ORG0500", Map.of("rights", List.of("read"), "via", "F")), result.entries());
        assertFalse(result.complete());
        assertEquals("ORG0500", result.activeOrganization());
        assertEquals(List.of("organizations", "organizations_complete", "active_organization"),
                List.copyOf(result.toClaims("organizations").keySet()));
    }

    @Test
    void aboveTheMaximumWithoutAnActiveOrganizationEmitsNone() {
        ClaimResult result = OrganizationClaims.rights(manyOrganizations(1000), MAX, null);

        assertTrue(result.entries().isEmpty());
        assertFalse(result.complete());
        assertEquals(Map.of("organizations", Map.of(), "organizations_complete", false),
                result.toClaims("organizations"));
    }

    @Test
    void anActiveOrganizationTheUserHasNoEntryForIsNotReported() {
        ClaimResult below = OrganizationClaims.rights(manyOrganizations(2), MAX, "NOT-MINE");
        ClaimResult above = OrganizationClaims.rights(manyOrganizations(1000), MAX, "NOT-MINE");

        assertNull(below.activeOrganization());
        assertEquals(2, below.entries().size());
        assertNull(above.activeOrganization());
        assertTrue(above.entries().isEmpty());
        assertFalse(above.toClaims("organizations").containsKey("active_organization"));
    }

    @Test
    void reportsTheActiveOrganizationBelowTheMaximumToo() {
        ClaimResult result = OrganizationClaims.rights(manyOrganizations(2), MAX, " ORG0001 ");

        assertEquals(2, result.entries().size());
        assertEquals("ORG0001", result.activeOrganization());
    }

    @Test
    void aMaximumOfZeroAlwaysCuts() {
        ClaimResult result = OrganizationClaims.rights(manyOrganizations(1), 0, "ORG0000");

        assertEquals(List.of("ORG0000"), List.copyOf(result.entries().keySet()));
        assertFalse(result.complete());
    }

    @Test
    void namesTheClaimsAfterTheConfiguredName() {
        Map<String, Object> claims = OrganizationClaims.rights(manyOrganizations(1), MAX, null).toClaims("orgs");

        assertEquals(List.of("orgs", "orgs_complete"), List.copyOf(claims.keySet()));
    }

    @Test
    void givesEachOrganizationItsRole() {
        ClaimResult result = OrganizationClaims.roles(List.of(
                RoleView.membership("A", "manager"),
                RoleView.membership("C", "observer")), MAX, null);

        assertEquals(Map.of("A", Map.of("role", "manager"), "C", Map.of("role", "observer")), result.entries());
    }

    @Test
    void aDelegationReadsAsDelegateViaTheFiduciary() {
        ClaimResult result = OrganizationClaims.roles(List.of(RoleView.delegation("B", "F")), MAX, null);

        assertEquals(Map.of("B", Map.of("role", "delegate", "via", "F")), result.entries());
    }

    @Test
    void aRoleAndADelegationForOneOrganizationKeepTheRoleAndAddVia() {
        ClaimResult result = OrganizationClaims.roles(List.of(
                RoleView.delegation("B", "F"), RoleView.membership("B", "observer")), MAX, null);

        assertEquals(Map.of("B", Map.of("role", "observer", "via", "F")), result.entries());
    }

    @Test
    void twoRolesInOneOrganizationKeepTheStrongest() {
        ClaimResult result = OrganizationClaims.roles(List.of(
                RoleView.membership("A", "member"), RoleView.membership("A", "deputy"),
                RoleView.membership("A", "observer")), MAX, null);

        assertEquals(Map.of("role", "deputy"), result.entries().get("A"));
    }

    @Test
    void rolesAreCutLikeRights() {
        List<RoleView> delegations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            delegations.add(RoleView.delegation(String.format("ORG%04d", i), "F"));
        }
        ClaimResult result = OrganizationClaims.roles(delegations, MAX, "ORG0007");

        assertEquals(Map.of("ORG0007", Map.of("role", "delegate", "via", "F")), result.entries());
        assertFalse(result.complete());
        assertEquals("ORG0007", result.activeOrganization());
    }

    private static List<GrantView> manyOrganizations(int count) {
        List<GrantView> grants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            grants.add(mandate(String.format("ORG%04d", i), "F", "read"));
        }
        return grants;
    }
}
