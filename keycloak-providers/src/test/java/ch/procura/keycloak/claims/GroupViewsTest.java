package ch.procura.keycloak.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupViewsTest {

    private static final String SVC_A = "uuid-of-svc-a";
    private static final String SVC_B = "uuid-of-svc-b";

    private static GroupFacts organization(String identifier) {
        return new GroupFacts(Map.of(
                "procura.kind", "organization", "procura.identifier", identifier, "procura.id", "id-" + identifier), null);
    }

    private static GroupFacts unit(GroupFacts parent, String organization, String id) {
        return new GroupFacts(Map.of("procura.kind", "unit", "procura.organization", organization, "procura.id", id), parent);
    }

    private static GroupFacts mandate(GroupFacts client, String organization, String via) {
        return new GroupFacts(Map.of(
                "procura.kind", "mandate", "procura.organization", organization, "procura.via", via, "procura.id", "m-1"),
                client);
    }

    private static GroupFacts grant(GroupFacts parent, Map<String, String> attributes) {
        return new GroupFacts(attributes, parent);
    }

    private static Map<String, String> grantAttributes(String organization) {
        return Map.of("procura.kind", "grant", "procura.organization", organization,
                "procura.service", "a", "procura.right", "read");
    }

    private static Map<String, String> with(Map<String, String> attributes, String name, String value) {
        Map<String, String> copy = new HashMap<>(attributes);
        copy.put(name, value);
        return copy;
    }

    @Test
    void readsAWholeOrganizationGrant() {
        GroupFacts group = grant(organization("A"), grantAttributes("A"));

        assertEquals(Optional.of(new GrantView("A", null, null, List.of("read"))),
                GroupViews.grant(group, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A));
    }

    @Test
    void keepsOnlyTheRolesOfTheTokensClient() {
        GroupFacts group = grant(organization("A"), grantAttributes("A"));
        List<RoleMapping> mappings = List.of(
                RoleMapping.clientRole(SVC_B, "read"), RoleMapping.realmRole("read"),
                RoleMapping.clientRole(SVC_A, "submit"));

        assertEquals(List.of("submit"), GroupViews.grant(group, mappings, SVC_A).orElseThrow().rights());
        assertEquals(List.of("read"), GroupViews.grant(group, mappings, SVC_B).orElseThrow().rights());
    }

    @Test
    void aGrantOfAnotherClientGivesNothing() {
        GroupFacts group = grant(organization("A"), grantAttributes("A"));

        assertTrue(GroupViews.grant(group, List.of(RoleMapping.clientRole(SVC_B, "read")), SVC_A).isEmpty());
        assertTrue(GroupViews.grant(group, List.of(RoleMapping.realmRole("read")), SVC_A).isEmpty());
    }

    @Test
    void onlyGrantGroupsGiveRights() {
        GroupFacts role = new GroupFacts(Map.of(
                "procura.kind", "role", "procura.organization", "A", "procura.role", "manager"), organization("A"));
        GroupFacts foreign = new GroupFacts(Map.of(), organization("A"));

        assertTrue(GroupViews.grant(role, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A).isEmpty());
        assertTrue(GroupViews.grant(foreign, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A).isEmpty());
    }

    @Test
    void readsAUnitLimitedGrant() {
        GroupFacts head = organization("A");
        GroupFacts branch = unit(unit(head, "A", "u-1"), "A", "u-2");
        GroupFacts group = grant(branch, with(grantAttributes("A"), "procura.unit", "u-2"));

        assertEquals(Optional.of(new GrantView("A", "u-2", null, List.of("read"))),
                GroupViews.grant(group, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A));
    }

    @Test
    void readsAMandateGrantForTheClient() {
        GroupFacts group = grant(mandate(organization("B"), "B", "F"), with(grantAttributes("B"), "procura.via", "F"));

        assertEquals(Optional.of(new GrantView("B", null, "F", List.of("submit"))),
                GroupViews.grant(group, List.of(RoleMapping.clientRole(SVC_A, "submit")), SVC_A));
    }

    @Test
    void ignoresAGrantThatNamesAnotherOrganizationThanItsTree() {
        GroupFacts underA = grant(organization("A"), grantAttributes("B"));
        GroupFacts topLevel = new GroupFacts(grantAttributes("A"), null);

        assertTrue(GroupViews.grant(underA, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A).isEmpty());
        assertTrue(GroupViews.grant(topLevel, List.of(RoleMapping.clientRole(SVC_A, "read")), SVC_A).isEmpty());
    }

    @Test
    void ignoresAGrantWhosePlaceContradictsItsUnitOrVia() {
        List<RoleMapping> read = List.of(RoleMapping.clientRole(SVC_A, "read"));
        GroupFacts a = organization("A");

        assertTrue(GroupViews.grant(grant(a, with(grantAttributes("A"), "procura.unit", "u-1")), read, SVC_A).isEmpty());
        assertTrue(GroupViews.grant(grant(a, with(grantAttributes("A"), "procura.via", "F")), read, SVC_A).isEmpty());
        assertTrue(GroupViews.grant(grant(unit(a, "A", "u-1"), with(grantAttributes("A"), "procura.unit", "u-9")),
                read, SVC_A).isEmpty());
        assertTrue(GroupViews.grant(grant(mandate(a, "A", "F"), grantAttributes("A")), read, SVC_A).isEmpty());
        assertTrue(GroupViews.grant(grant(mandate(a, "A", "F"), with(grantAttributes("A"), "procura.via", "G")),
                read, SVC_A).isEmpty());
    }

    @Test
    void readsARoleGroup() {
        GroupFacts group = new GroupFacts(Map.of(
                "procura.kind", "role", "procura.organization", "A", "procura.role", "manager"), organization("A"));

        assertEquals(Optional.of(RoleView.membership("A", "manager")), GroupViews.role(group));
    }

    @Test
    void readsAMandateGroupAsADelegation() {
        assertEquals(Optional.of(RoleView.delegation("B", "F")), GroupViews.role(mandate(organization("B"), "B", "F")));
    }

    @Test
    void aGrantUnderAMandateReadsAsTheDelegation() {
        GroupFacts group = grant(mandate(organization("B"), "B", "F"), with(grantAttributes("B"), "procura.via", "F"));

        assertEquals(Optional.of(RoleView.delegation("B", "F")), GroupViews.role(group));
    }

    @Test
    void aGrantOutsideAMandateGivesNoRole() {
        GroupFacts misplaced = grant(mandate(organization("B"), "B", "F"), with(grantAttributes("B"), "procura.via", "G"));

        assertTrue(GroupViews.role(grant(organization("A"), grantAttributes("A"))).isEmpty());
        assertTrue(GroupViews.role(misplaced).isEmpty());
    }

    @Test
    void ignoresRoleAndMandateGroupsOutOfPlace() {
        GroupFacts wrongOrganization = new GroupFacts(Map.of(
                "procura.kind", "role", "procura.organization", "B", "procura.role", "manager"), organization("A"));
        GroupFacts tooDeep = new GroupFacts(Map.of(
                "procura.kind", "role", "procura.organization", "A", "procura.role", "manager"),
                unit(organization("A"), "A", "u-1"));

        assertTrue(GroupViews.role(wrongOrganization).isEmpty());
        assertTrue(GroupViews.role(tooDeep).isEmpty());
        assertTrue(GroupViews.role(organization("A")).isEmpty());
    }
}
