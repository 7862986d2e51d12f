package ch.procura.keycloak.claims;

import java.util.Map;

/**
 * What the mapper knows of one Keycloak group, free of Keycloak's types: its {@code procura.*}
 * attributes (first values) and its parent, up to the top-level organization group.
 *
 * @param attributes the group's {@code procura.*} attributes, by full name
 * @param parent     the parent group, or {@code null} for a top-level group
 */
public record GroupFacts(Map<String, String> attributes, GroupFacts parent) {

    static final String KIND = "procura.kind";
    static final String ID = "procura.id";
    static final String IDENTIFIER = "procura.identifier";
    static final String ORGANIZATION = "procura.organization";
    static final String UNIT = "procura.unit";
    static final String VIA = "procura.via";
    static final String ROLE = "procura.role";

    static final String KIND_ORGANIZATION = "organization";
    static final String KIND_UNIT = "unit";
    static final String KIND_ROLE = "role";
    static final String KIND_MANDATE = "mandate";
    static final String KIND_GRANT = "grant";

    public GroupFacts {
        attributes = Map.copyOf(attributes);
    }

    /** The attribute's trimmed value, or {@code null} when absent or blank. */
    String attribute(String name) {
        return Text.orNull(attributes.get(name));
    }

    String kind() {
        return attribute(KIND);
    }

    boolean is(String kind) {
        return kind.equals(kind());
    }

    /** The top-level group this one descends from (itself when it has no parent). */
    GroupFacts root() {
        GroupFacts group = this;
        while (group.parent() != null) {
            group = group.parent();
        }
        return group;
    }

    /** Whether the top-level group is the organization group of {@code identifier}. */
    boolean descendsFromOrganization(String identifier) {
        GroupFacts root = root();
        return root != this && root.is(KIND_ORGANIZATION) && identifier.equals(root.attribute(IDENTIFIER));
    }
}
