/**
 * THE policy table: for every action of the API, who may do it, by the caller's standing in the
 * target organization. Pure data; `decide.ts` reads it, the routes name their action, the tests
 * and docs/api.md are generated from or checked against it.
 *
 * Standing (`standing.ts`): `manager` for a legal representative, a deputy or a manager (R13: they
 * run the organization's access); `member`; `observer`; `delegate` for fiduciary staff assigned to
 * an active mandate on the organization (R25). A caller with none of these has no business with
 * the organization: every route on it answers 404, as for an id that does not exist.
 */
export const standings = ['manager', 'member', 'observer', 'delegate'] as const;
export type Standing = (typeof standings)[number];

/**
 * `allow`; `self`: only on the caller's own membership; `deny`: 403; `portal`: as the portal's
 * profile says (`decide.ts`'s `portalAllows`, issue 17).
 */
export type Verdict = 'allow' | 'self' | 'deny' | 'portal';

export type Rule =
  | { readonly scope: 'public' }
  | { readonly scope: 'caller' }
  /** An online service calling with its own client credentials, never a person (R29). */
  | { readonly scope: 'service' }
  /** The operator's staff (R31): the realm role `procura-operator` in the caller's token; 403 for anyone else. */
  | { readonly scope: 'operator' }
  | { readonly scope: 'organization'; readonly who: Readonly<Record<Standing, Verdict>> };

const managers = { manager: 'allow', member: 'deny', observer: 'deny', delegate: 'deny' } as const;
const everyone = { manager: 'allow', member: 'allow', observer: 'allow', delegate: 'allow' } as const;
/** Every person of the organization, not a delegate acting for it through a mandate. */
const fiduciaryStaff = { manager: 'allow', member: 'allow', observer: 'allow', delegate: 'deny' } as const;
/** Members and observers read only themselves; a delegate acts through rights, not on people. */
const managersAndSelf = { manager: 'allow', member: 'self', observer: 'self', delegate: 'deny' } as const;
/** R13's exception (emplois-inclusion): members too where the profile says `invitations.by: members`. */
const managersOrMembersByPortal = { manager: 'allow', member: 'portal', observer: 'deny', delegate: 'deny' } as const;

export const policyTable = {
  'api.describe': { scope: 'public' },
  'me.read': { scope: 'caller' },
  // R4: a person reads and edits their own profile and asks to change their login e-mail (nobody else's).
  'me.profile.read': { scope: 'caller' },
  'me.profile.update': { scope: 'caller' },
  'me.email_change.request': { scope: 'caller' },
  // R4: the link's token, sent to the new address, is the credential (the person may be signed out).
  'email_change.confirm': { scope: 'public' },
  // Issue 14 item 7: the token of the link sent to the OLD address cancels the change.
  'email_change.cancel': { scope: 'public' },
  'organization.read': { scope: 'organization', who: everyone },
  'organization.update': { scope: 'organization', who: managers }, // R7
  'unit.list': { scope: 'organization', who: everyone },
  'unit.add': { scope: 'organization', who: managers }, // R9
  'member.list': { scope: 'organization', who: managers },
  // R33, peps « Mes intervenants »: every person of the organization sees who manages it (names, roles, e-mails only).
  'manager.list': { scope: 'organization', who: fiduciaryStaff },
  'member.read': { scope: 'organization', who: managersAndSelf },
  'member.change_role': { scope: 'organization', who: managers }, // R13, R14
  // R4 (ge-edemarches): a member's details, edited by managers only while the person is the organization's alone (decision 0049).
  'member.details.read': { scope: 'organization', who: managers },
  'member.details.update': { scope: 'organization', who: managers },
  'member.set_rights': { scope: 'organization', who: managers }, // R13, R15
  'member.deactivate': { scope: 'organization', who: managers }, // R13, R18
  'member.reactivate': { scope: 'organization', who: managers }, // R18
  'member.remove': { scope: 'organization', who: managers }, // R13, R18
  'member.batch': { scope: 'organization', who: managers }, // R13, R14, R18: several members at once, each checked as alone
  'member.set_expiry': { scope: 'organization', who: managers }, // R19
  'member.hand_over': { scope: 'organization', who: managers }, // R14: the caller hands their own managing role over
  'service.list': { scope: 'organization', who: everyone }, // R15: the catalogue, subscribed or available; grantable only for managers
  'service.activate': { scope: 'organization', who: managers }, // R15, R28: the organization's managers subscribe it to a service
  'audit.read': { scope: 'organization', who: managers }, // R32: the organization's audit trail, and its CSV export
  'audit.webhook.list': { scope: 'organization', who: managers }, // R32, decision 0070: the webhooks that receive it, and their logs
  'audit.webhook.manage': { scope: 'organization', who: managers }, // R32, decision 0070
  'organization.set_mail_security_key': { scope: 'organization', who: managers }, // R23
  'access_request.create': { scope: 'caller' }, // R22: anyone signed in asks
  'access_request.list': { scope: 'organization', who: managers }, // R22
  'access_request.decide': { scope: 'organization', who: managers }, // R22, R13
  // R13, R16; a member invites a plain member with no rights where the portal lets members invite (the route checks what is given).
  'invitation.create': { scope: 'organization', who: managersOrMembersByPortal },
  'invitation.list': { scope: 'organization', who: managers }, // R17
  'invitation.resend': { scope: 'organization', who: managers }, // R17
  'invitation.revoke': { scope: 'organization', who: managers }, // R17
  // The link's token is the credential: the person has no account, or is not signed in, yet (R16, R20).
  'invitation.preview': { scope: 'public' },
  'invitation.accept': { scope: 'public' },
  'decision.check': { scope: 'service' }, // R29
  'decision.holders': { scope: 'service' }, // R29, decision 0046: who to tell of a letter needing action
  // R24: managers by standing; the command then asks for the legal representative or the deputy.
  'mandate.request': { scope: 'organization', who: managers },
  'mandate.list': { scope: 'organization', who: fiduciaryStaff }, // R25: every person of the fiduciary (and the client's) sees its mandates
  'mandate.end': { scope: 'organization', who: managers }, // R27: either side
  'mandate.assign_delegate': { scope: 'organization', who: managers }, // R25
  'mandate.set_delegate_rights': { scope: 'organization', who: managers }, // R25, R15
  'mandate.remove_delegate': { scope: 'organization', who: managers }, // R25: as assigning
  'mandate.attach_member': { scope: 'organization', who: managers }, // R26
  'operator.mandate.list': { scope: 'operator' }, // R24, R31
  'operator.audit.webhook.list': { scope: 'operator' }, // R32, decision 0070: the platform's webhooks (every entry)
  'operator.audit.webhook.manage': { scope: 'operator' }, // R32, decision 0070
  'operator.mandate.decide': { scope: 'operator' }, // R24, R31
  'operator.organization.set_type': { scope: 'operator' }, // R24, R31: the type opens mandate requests; not the managers' (issue 14 item 5)
  'operator.document.read': { scope: 'operator' }, // R24, R30: the documents filed, to decide on them
  'sign_up.create': { scope: 'public' }, // R10, R11: an organization not yet on the platform has nobody signed in
  'operator.sign_up.list': { scope: 'operator' }, // R10, R31
  'operator.sign_up.decide': { scope: 'operator' }, // R10, R31
  'recovery.create': { scope: 'public' }, // R30: the organization has no manager left to sign anyone in
  'operator.recovery.list': { scope: 'operator' }, // R30, R31
  'operator.recovery.decide': { scope: 'operator' }, // R30, R31
  'operator.queue': { scope: 'operator' }, // R31: the three queues in one
  // R35, issue 16 item 6: the support desk; each action says why, audited with the operator as actor (decision 0048).
  'operator.support.look_up': { scope: 'operator' },
  'operator.support.change_email': { scope: 'operator' }, // R1, R4
  'operator.support.remove_access': { scope: 'operator' }, // R14, R18
  'operator.support.register_organization': { scope: 'operator' }, // R10, R11
  'operator.support.add_antenna': { scope: 'operator' }, // R8
  'operator.support.file_mandate': { scope: 'operator' }, // R10, R24: fer-ge « non affiliée »
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof policyTable;
