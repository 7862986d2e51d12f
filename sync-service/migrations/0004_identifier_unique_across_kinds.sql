-- R6: an organization's normalized identifier is unique whatever its kind. Tokens key rights by the
-- identifier alone (`organizations` claim) and Keycloak names the organization's group by it: an
-- affiliate number equal to a SIREN's nine digits would make both ambiguous. Fails, naming the
-- duplicate, on a database that already holds two such organizations.
CREATE UNIQUE INDEX organization_identifier ON organization (identifier);
