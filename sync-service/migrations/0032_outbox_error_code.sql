-- Issue 15 item 3 (decision 0053): the code of a failed row's last error (`keycloak.unavailable`, …),
-- so that the worker tells the rows that wait for Keycloak to come back from the ones Keycloak refused,
-- and retries the former as soon as Keycloak answers again instead of at their backoff.
ALTER TABLE outbox ADD COLUMN last_error_code text;
