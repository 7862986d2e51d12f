-- Issue 16 item 3, R16 (Geneva): the secret question is chosen with its answer. The invitation
-- keeps both (the question shown at activation, the answer as its scrypt hash); once the person has
-- activated, they are the person's (the question shown in the profile and to managers, never the
-- answer), and a manager may change them where R4 allows it (decision 0049).
ALTER TABLE invitation ADD COLUMN secret_question text;
ALTER TABLE person ADD COLUMN secret_question text;
ALTER TABLE person ADD COLUMN secret_answer_hash text;
ALTER TABLE person ADD CONSTRAINT person_secret_answer_with_question CHECK (secret_question IS NULL OR secret_answer_hash IS NOT NULL);
