-- Staff accounts an administrator can disable (a coordinator who left): a disabled
-- account signs in no more, and its sessions end when it is disabled.
ALTER TABLE staff_accounts ADD COLUMN disabled_at INTEGER;
