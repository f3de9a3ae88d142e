-- Failed sign-ins count per login and client address, so that a stranger's failures
-- make the stranger wait, not the account's owner. Failures and wrong check-in codes
-- are forgotten after a day (the minute's job), so neither table grows without bound.
DELETE FROM failed_sign_ins WHERE length(login) > 40;
ALTER TABLE failed_sign_ins ADD COLUMN client TEXT NOT NULL DEFAULT '';
DROP INDEX failed_sign_ins_by_login;
CREATE INDEX failed_sign_ins_by_login_client ON failed_sign_ins (login, client, at);
CREATE INDEX failed_sign_ins_by_time ON failed_sign_ins (at);
CREATE INDEX wrong_check_in_codes_by_time ON wrong_check_in_codes (at);
