package models

// AuthEpochsTable (migration 0026) holds a generation number per user,
// raised by triggers in the transaction of every change to what the
// user's sign-ins grant: a session deleted, a token revoked, the user's
// role, office, activity or password changed, two-factor sign-in switched
// on or off. A user without a row is at epoch 0. services/principal_cache.go
// is its reader.
const AuthEpochsTable = "auth_epochs"

// AuthEpoch reads one user's epoch: one primary-key lookup, one row.
const AuthEpoch = "SELECT COALESCE(MAX(epoch), 0) FROM " + AuthEpochsTable + " WHERE user_id = ?"
