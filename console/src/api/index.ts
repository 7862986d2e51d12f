/** The console's only door to the server: `import { … } from '../../api/index.js'`. */
export * from './procura-api.js';
export * from './types.js';
export { ApiError, useLanguage, type Language, type Messages } from './errors.js';
export * from './operator.js';
export { getSupportContact, type SupportContact } from './support.js';
export { getPortal, type OrganizationField, type Portal } from './portal.js';
export { addBranch, type BranchAdded, type BranchRepresentative, type NewBranch } from './units.js';
export {
  addAntennaBySupport,
  changeLoginEmailBySupport,
  fileMandateForUnaffiliated,
  lookUpPerson,
  registerOrganizationBySupport,
  removeAccessBySupport,
  type MailedInOrganization,
  type PersonFile,
  type UnaffiliatedMandate,
} from './support-desk.js';
