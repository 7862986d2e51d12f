/**
 * @procura/express-kit: for applications on Express that trust Procura's access tokens (R29).
 * See README.md and docs/integrating-an-application.md.
 */
export { ProcuraAccess } from './access.js';
export { identifierPattern, readOrganizationClaims, type OrganizationClaims, type OrganizationIdentifier, type OrganizationRights } from './claims.js';
export {
  createDecisionClient,
  createHoldersClient,
  type Decision,
  type DecisionClient,
  type DecisionClientOptions,
  type DecisionPerson,
  type DecisionQuestion,
  type Holder,
  type HoldersClient,
  type HoldersQuestion,
} from './decisions.js';
export { ProcuraKitError, type KitErrorCode } from './errors.js';
export {
  procuraKit,
  type Middleware,
  type ProcuraKit,
  type ProcuraKitOptions,
  type RequestLike,
  type ResponseLike,
  type RoutedRequestLike,
  type RightRule,
} from './express.js';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './verify.js';
