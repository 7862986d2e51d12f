-- Issue 16 item 3, decision 0049: a change of login e-mail that a manager asked for a member
-- names the organization whose manager asked; its link works only while the person is still that
-- organization's alone (else a manager of A could take over an account that meanwhile acts for B).
ALTER TABLE email_change ADD COLUMN requested_for uuid;
