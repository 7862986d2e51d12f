import { describe, expect, it } from 'vitest';
import { checkAggregates, generateRealm, loadRealm, loadServices, readRealmTemplate, realmName, type Service } from './index.js';

const env = {
  PROCURA_PUBLIC_URL: 'http://localhost:3000',
  PROCURA_CONSOLE_CLIENT_SECRET: 'console-secret',
  PROCURA_SYNC_CLIENT_SECRET: 'sync-secret',
};

describe('realm configuration', () => {
  it('replaces placeholders with values and defaults, as Keycloak import does', () => {
    const realm = loadRealm(env) as {
      realm: string;
      smtpServer: { host: string; port: string };
      clients: Array<{ clientId: string; secret?: string; redirectUris?: string[] }>;
    };
    expect(realm.realm).toBe(realmName);
    expect(realm.smtpServer.host).toBe('localhost');
    expect(realm.smtpServer.port).toBe('1025');
    const console = realm.clients.find((client) => client.clientId === 'procura-console');
    expect(console?.secret).toBe('console-secret');
    expect(console?.redirectUris).toEqual(['http://localhost:3000/auth/callback']);
  });

  it('issue 14 item 11: Keycloak speaks STARTTLS to its relay unless told the relay is a plain local one', () => {
    const smtp = (extra: Record<string, string>) => (loadRealm({ ...env, ...extra }) as { smtpServer: { starttls: string; ssl: string } }).smtpServer;
    expect(smtp({})).toMatchObject({ starttls: 'true', ssl: 'false' });
    expect(smtp({ PROCURA_SMTP_STARTTLS: 'false' })).toMatchObject({ starttls: 'false' });
    expect(smtp({ PROCURA_SMTP_SSL: 'true' })).toMatchObject({ ssl: 'true' });
  });

  it('names every missing variable at once', () => {
    expect(() => loadRealm({})).toThrow('PROCURA_CONSOLE_CLIENT_SECRET, PROCURA_PUBLIC_URL, PROCURA_SYNC_CLIENT_SECRET');
  });

  it('keeps the placeholders in the template that IT administrators import', () => {
    expect(JSON.stringify(readRealmTemplate())).toContain('${PROCURA_CONSOLE_CLIENT_SECRET}');
    expect(JSON.stringify(readRealmTemplate())).not.toContain('${env.'); // Keycloak reads that as a property, never the environment
  });

  it('the console client allows only the code flow with PKCE S256', () => {
    const realm = loadRealm(env) as { clients: Array<Record<string, unknown>> };
    const console = realm.clients.find((client) => client.clientId === 'procura-console') as Record<string, unknown>;
    expect(console).toMatchObject({ publicClient: false, standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false });
    expect((console.attributes as Record<string, string>)['pkce.code.challenge.method']).toBe('S256');
  });

  it("issue 14 item 2: every client it lists, Keycloak's admin-cli included, says no to the password grant and the implicit flow", () => {
    const realm = loadRealm(env) as { clients: Array<Record<string, unknown>> };
    expect(realm.clients.map((c) => c.clientId)).toContain('admin-cli');
    for (const client of realm.clients) expect(client, String(client.clientId)).toMatchObject({ implicitFlowEnabled: false, directAccessGrantsEnabled: false });
  });

  it('R3, R2, issue 14 item 1: the password reset ends with a required second factor, in a sub-flow of its own', () => {
    type Execution = { authenticator?: string; authenticatorFlow: boolean; flowAlias?: string; requirement: string; authenticatorConfig?: string };
    const realm = loadRealm(env) as {
      resetCredentialsFlow: string;
      authenticationFlows: Array<{ alias: string; description: string; authenticationExecutions: Execution[] }>;
    };
    const flow = (alias: string) => realm.authenticationFlows.find((f) => f.alias === alias)!;
    const reset = flow(realm.resetCredentialsFlow);
    const last = reset.authenticationExecutions.at(-1)!;
    expect(last).toMatchObject({ authenticatorFlow: true, requirement: 'REQUIRED' });
    expect(flow(last.flowAlias!).authenticationExecutions.map((e) => e.authenticator)).toContain('procura-otp-code');
    // Keycloak resolves a sub-flow's parent from the sub-flow: one used by two flows sends the reset into the login form.
    const subFlows = realm.authenticationFlows.flatMap((f) => f.authenticationExecutions.filter((e) => e.authenticatorFlow).map((e) => e.flowAlias));
    expect(new Set(subFlows).size).toBe(subFlows.length);
    // Each execution has its own configuration (the admin console edits and deletes one with its execution),
    // and the code after a reset is the code at login: same length, validity, tries and cooldown.
    const executions = realm.authenticationFlows.flatMap((f) => f.authenticationExecutions);
    const configs = executions.flatMap((e) => (e.authenticatorConfig ? [e.authenticatorConfig] : []));
    expect(new Set(configs).size).toBe(configs.length);
    const settings = (alias: string) =>
      (realm as unknown as { authenticatorConfig: Array<{ alias: string; config: unknown }> }).authenticatorConfig.find((c) => c.alias === alias)?.config;
    const codeConfigs = executions.filter((e) => e.authenticator === 'procura-otp-code').map((e) => e.authenticatorConfig!);
    expect(codeConfigs.length).toBe(2);
    expect(settings(codeConfigs[1]!)).toEqual(settings(codeConfigs[0]!));
  });

  it('issue 14 item 1: every step that checks a factor names itself in the tokens (amr), for as long as the SSO session lives', () => {
    type Execution = { authenticator?: string; authenticatorConfig?: string };
    const realm = loadRealm(env) as {
      ssoSessionMaxLifespan: number;
      authenticationFlows: Array<{ authenticationExecutions: Execution[] }>;
      authenticatorConfig: Array<{ alias: string; config: Record<string, string> }>;
      clients: Array<{ clientId: string; protocolMappers?: Array<{ protocolMapper: string; config: Record<string, string> }> }>;
    };
    const expected: Record<string, string> = {
      'auth-username-password-form': 'pwd',
      'procura-otp-code': 'code',
      'auth-otp-form': 'otp',
      'webauthn-authenticator': 'hwk',
    };
    const steps = realm.authenticationFlows.flatMap((f) => f.authenticationExecutions).filter((e) => e.authenticator && e.authenticator in expected);
    expect(steps.length).toBe(7); // password, then three factors at login and three after a reset
    for (const step of steps) {
      const config = realm.authenticatorConfig.find((c) => c.alias === step.authenticatorConfig)?.config;
      expect(config?.['default.reference.value'], step.authenticator).toBe(expected[step.authenticator!]);
      expect(Number(config?.['default.reference.maxAge'])).toBe(realm.ssoSessionMaxLifespan);
    }
    const console = realm.clients.find((c) => c.clientId === 'procura-console');
    expect(console?.protocolMappers?.find((m) => m.protocolMapper === 'oidc-amr-mapper')?.config).toMatchObject({
      'id.token.claim': 'true',
      'access.token.claim': 'true',
    });
  });

  it("fits Keycloak's columns: flow descriptions of at most 255 characters", () => {
    const realm = loadRealm(env) as { authenticationFlows: Array<{ alias: string; description?: string }> };
    for (const flow of realm.authenticationFlows) expect((flow.description ?? '').length, flow.alias).toBeLessThanOrEqual(255);
  });

  it('the service catalogue has unique service and right ids', () => {
    const services = loadServices();
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    for (const service of services) expect(new Set(service.rights.map((r) => r.id)).size).toBe(service.rights.length);
  });
});

describe('the generated realm file', () => {
  it('is up to date with base-realm.json and services.json (npm run generate -w realm-config)', () => {
    expect(readRealmTemplate()).toEqual(generateRealm());
  });

  it('R15, R29: one client per service, its rights as client roles, no global roles in its tokens', () => {
    const realm = generateRealm() as { clients: Array<Record<string, unknown>>; roles: { client: Record<string, Array<{ name: string }>> } };
    for (const service of loadServices()) {
      const client = realm.clients.find((c) => c.clientId === `svc-${service.id}`);
      expect(client).toMatchObject({ fullScopeAllowed: false, publicClient: false, implicitFlowEnabled: false, directAccessGrantsEnabled: false });
      expect(client?.defaultClientScopes).not.toContain('roles');
      expect(realm.roles.client[`svc-${service.id}`]!.map((r) => r.name)).toEqual(service.rights.map((r) => r.id));
      expect(client?.secret).toBeUndefined();
    }
  });

  it('issue 16 item 10: a service aggregates other services of the catalogue and their rights only, or starting says what is wrong', () => {
    const inbox = loadServices().find((s) => s.id === 'employer-inbox');
    expect(inbox?.aggregates?.map((a) => a.service)).toContain('contributions');
    const label = { fr: 'x', en: 'x' };
    const catalogue = (aggregates: Service['aggregates']): Service[] => [
      { id: 'inbox', label, rights: [{ id: 'read', label }], ...(aggregates ? { aggregates } : {}) },
      {
        id: 'invoices',
        label,
        rights: [
          { id: 'read', label },
          { id: 'pay', label },
        ],
      },
    ];
    expect(() => checkAggregates(catalogue([{ service: 'invoices', rights: ['read', 'pay'] }]))).not.toThrow();
    expect(() => checkAggregates(catalogue([{ service: 'payroll', rights: ['read'] }]))).toThrow('inbox.aggregates[0]: "payroll" is not another service');
    expect(() => checkAggregates(catalogue([{ service: 'inbox', rights: ['read'] }]))).toThrow('is not another service');
    expect(() => checkAggregates(catalogue([{ service: 'invoices', rights: ['sign'] }]))).toThrow(
      'rights must be rights of invoices (read, pay); got ["sign"]',
    );
    expect(() => checkAggregates(catalogue([{ service: 'invoices', rights: [] }]))).toThrow('rights must be rights of invoices');
  });
});
