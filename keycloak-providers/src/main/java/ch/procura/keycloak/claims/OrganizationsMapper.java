package ch.procura.keycloak.claims;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.representations.IDToken;

/**
 * The {@value #PROVIDER_ID} OIDC protocol mapper: puts in tokens the user's rights (or roles) keyed
 * by organization, read from the groups the sync-service projects. The logic lives in
 * {@link GroupViews} and {@link OrganizationClaims}; this class only reads Keycloak's model.
 *
 * <p>The active organization comes from the authorization request parameter
 * {@value #REQUEST_PARAMETER}, which Keycloak keeps, like any parameter it does not know, as the
 * client-session note {@value #ACTIVE_ORGANIZATION_NOTE}. The token endpoint keeps no such note, so
 * grants that skip the authorization endpoint (password, client credentials) have no active
 * organization.
 */
public class OrganizationsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "procura-organizations-mapper";
    public static final String REQUEST_PARAMETER = "organization";
    public static final String ACTIVE_ORGANIZATION_NOTE =
            AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + REQUEST_PARAMETER;

    private static final String INVALID_CONFIG_KEY = "procuraOrganizationsMapperInvalidConfig";
    private static final Logger LOG = Logger.getLogger(OrganizationsMapper.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<ProviderConfigProperty> CONFIG = configProperties();
    /** Grants count in mode roles too: one under a mandate group makes its holder a delegate. */
    private static final Set<String> ROLE_KINDS =
            Set.of(GroupFacts.KIND_ROLE, GroupFacts.KIND_MANDATE, GroupFacts.KIND_GRANT);

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Procura organizations";
    }

    @Override
    public String getHelpText() {
        return "Puts the user's rights on this client (mode 'rights') or roles (mode 'roles') in the token,"
                + " keyed by organization, from the groups Procura's sync-service projects.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
            ProtocolMapperModel model) throws ProtocolMapperConfigException {
        try {
            MapperSettings.from(model.getConfig());
        } catch (IllegalArgumentException e) {
            // The admin API looks the key up in its message bundle, with the message as fallback;
            // without a key it fails with a NullPointerException instead of answering 400.
            throw new ProtocolMapperConfigException(e.getMessage(), INVALID_CONFIG_KEY, e);
        }
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        MapperSettings settings;
        try {
            settings = MapperSettings.from(model.getConfig());
        } catch (IllegalArgumentException e) {
            // A realm import skips validateConfig; emitting nothing is the safe side for rights.
            LOG.errorf("protocol mapper '%s' is misconfigured, no claim emitted: %s", model.getName(), e.getMessage());
            return;
        }
        boolean timed = LOG.isDebugEnabled();
        long started = timed ? System.nanoTime() : 0;
        long startedCpu = timed ? THREADS.getCurrentThreadCpuTime() : 0;
        ClientModel client = clientSessionCtx.getClientSession().getClient();
        String active = clientSessionCtx.getClientSession().getNote(ACTIVE_ORGANIZATION_NOTE);
        List<GroupModel> groups = userSession.getUser().getGroupsStream().toList();
        ClaimResult result = switch (settings.mode()) {
            case RIGHTS -> OrganizationClaims.rights(grants(groups, client), settings.maxOrganizations(), active);
            case ROLES -> OrganizationClaims.roles(roles(groups), settings.maxOrganizations(), active);
        };
        token.getOtherClaims().putAll(result.toClaims(settings.claimName()));
        if (timed) {
            // Issue 19: the mapper's own work per token, read by `npm run bench:authz` from Keycloak's
            // log. Wall time counts the moments the thread waited for a core; CPU time does not.
            LOG.debugf("claim %s for client %s: %d groups read, %d entries, complete %s, %d us, cpu %d us",
                    settings.claimName(), client.getClientId(), groups.size(), result.entries().size(),
                    result.complete(), (System.nanoTime() - started) / 1000,
                    (THREADS.getCurrentThreadCpuTime() - startedCpu) / 1000);
        }
    }

    private static List<GrantView> grants(List<GroupModel> groups, ClientModel client) {
        return groups.stream()
                .filter(group -> GroupFacts.KIND_GRANT.equals(group.getFirstAttribute(GroupFacts.KIND)))
                .flatMap(group -> read(group, GroupViews.grant(facts(group), mappings(group), client.getId())))
                .toList();
    }

    private static List<RoleView> roles(List<GroupModel> groups) {
        return groups.stream()
                .filter(group -> {
                    String kind = group.getFirstAttribute(GroupFacts.KIND);
                    return kind != null && ROLE_KINDS.contains(kind); // Set.of refuses contains(null)
                })
                .flatMap(group -> read(group, GroupViews.role(facts(group))))
                .toList();
    }

    /**
     * Debug-logs a group the views refused: no right for this client (normal), or attributes that
     * disagree with its place in the tree (a projection bug, see {@link GroupViews}).
     */
    private static <T> Stream<T> read(GroupModel group, Optional<T> view) {
        if (view.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debugf("group %s (%s) gives nothing to this token", group.getId(), group.getName());
        }
        return view.stream();
    }

    private static List<RoleMapping> mappings(GroupModel group) {
        return group.getRoleMappingsStream().map(OrganizationsMapper::mapping).toList();
    }

    private static RoleMapping mapping(RoleModel role) {
        return role.isClientRole()
                ? RoleMapping.clientRole(role.getContainerId(), role.getName())
                : RoleMapping.realmRole(role.getName());
    }

    private static GroupFacts facts(GroupModel group) {
        Map<String, String> procura = group.getAttributes().entrySet().stream()
                .filter(attribute -> attribute.getKey().startsWith("procura.")
                        && !attribute.getValue().isEmpty() && attribute.getValue().get(0) != null)
                .collect(Collectors.toMap(Map.Entry::getKey, attribute -> attribute.getValue().get(0)));
        GroupModel parent = group.getParent();
        return new GroupFacts(procura, parent == null ? null : facts(parent));
    }

    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = ProviderConfigurationBuilder.create()
                .property().name(MapperSettings.CLAIM_NAME).label("Claim name")
                .helpText("Top-level claim that holds the organizations (no dots: it is not nested)."
                        + " Also names '<claim name>_complete', true when every organization of the user is in it.")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(MapperSettings.DEFAULT_CLAIM_NAME).add()
                .property().name(MapperSettings.MODE).label("Mode")
                .helpText("'rights': the rights on THIS client, from grant groups (for a service's client)."
                        + " 'roles': the user's role in each organization and mandate delegations (for the console).")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(MapperSettings.Mode.RIGHTS.value(), MapperSettings.Mode.ROLES.value())
                .defaultValue(MapperSettings.Mode.RIGHTS.value()).add()
                .property().name(MapperSettings.MAX_ORGANIZATIONS).label("Maximum organizations")
                .helpText("Above this many organizations, only the active one (authorization request parameter"
                        + " 'organization') is emitted and '<claim name>_complete' is false, to keep tokens small.")
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(String.valueOf(MapperSettings.DEFAULT_MAX_ORGANIZATIONS)).add()
                .build();
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, OrganizationsMapper.class);
        return List.copyOf(properties);
    }
}
