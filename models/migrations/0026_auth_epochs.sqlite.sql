-- auth_epochs: a generation number per user that every change to what
-- their sign-ins grant raises, in the transaction of the change: a session
-- ended, a token revoked, the user's role, office, activity or password
-- changed, their two-factor sign-in switched on or off. A session's
-- last_seen_at moving forward (the touch of every minute's use) does not
-- raise it; moved back, it brings the idle timeout nearer, and does. Each process keeps
-- the principals it resolved from a token (services/principal_cache.go)
-- under the epoch it read with them, and uses one only while a primary-key
-- read of the epoch answers the same: a revocation made through any
-- process is seen by every other at the next request. A user without a row
-- is at epoch 0. Statements are separated by blank lines (trigger bodies
-- hold semicolons of their own).

CREATE TABLE auth_epochs (user_id BIGINT PRIMARY KEY, epoch BIGINT NOT NULL);

CREATE TRIGGER auth_epoch_session_delete AFTER DELETE ON sessions FOR EACH ROW BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_session_update AFTER UPDATE OF user_id, token_hash, expires_at, sign_in_method, last_seen_at ON sessions FOR EACH ROW
WHEN (OLD.user_id IS NOT NEW.user_id OR OLD.token_hash IS NOT NEW.token_hash OR OLD.expires_at IS NOT NEW.expires_at OR OLD.sign_in_method IS NOT NEW.sign_in_method OR NEW.last_seen_at < OLD.last_seen_at) BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_token_delete AFTER DELETE ON api_tokens FOR EACH ROW BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_token_update AFTER UPDATE OF user_id, token_hash, revoked_at ON api_tokens FOR EACH ROW
WHEN (OLD.user_id IS NOT NEW.user_id OR OLD.token_hash IS NOT NEW.token_hash OR OLD.revoked_at IS NOT NEW.revoked_at) BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_user_update AFTER UPDATE OF role, office_id, active, password_hash ON users FOR EACH ROW
WHEN (OLD.role IS NOT NEW.role OR OLD.office_id IS NOT NEW.office_id OR OLD.active IS NOT NEW.active OR OLD.password_hash IS NOT NEW.password_hash) BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_user_delete AFTER DELETE ON users FOR EACH ROW BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_mfa_insert AFTER INSERT ON user_mfa FOR EACH ROW BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (NEW.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_mfa_update AFTER UPDATE OF user_id, confirmed_at ON user_mfa FOR EACH ROW
WHEN (OLD.user_id IS NOT NEW.user_id OR OLD.confirmed_at IS NOT NEW.confirmed_at) BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;

CREATE TRIGGER auth_epoch_mfa_delete AFTER DELETE ON user_mfa FOR EACH ROW BEGIN
  INSERT INTO auth_epochs (user_id, epoch) VALUES (OLD.user_id, 1) ON CONFLICT (user_id) DO UPDATE SET epoch = auth_epochs.epoch + 1;
END;
