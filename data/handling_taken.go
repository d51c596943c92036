package data

import (
	"context"
	"database/sql"
)

// takenBy is the refusal of a second acceptance (two desks taking the same
// request up, each from a queue read a moment before): instead of
// Transition's general "已经受理", it names who has the request now, so the
// clerk who lost knows whom to ask. Other refusals pass unchanged. Runs in
// the step's transaction, which read the request after the winner
// committed.
func takenBy(ctx context.Context, tx *sql.Tx, req reqRow, actor Session, a Action, refused error) error {
	if a != ActAccept || req.Owner == 0 || req.Status.Closed() {
		return refused
	}
	if req.Owner == actor.StaffID {
		return conflict("您已受理该办件，无需重复受理。")
	}
	var name, window string
	err := tx.QueryRowContext(ctx, `SELECT s.name, coalesce(w.name, '') FROM staff s
		LEFT JOIN windows w ON w.id = coalesce(?, s.window_id) WHERE s.id = ?`, nullID(req.Window), req.Owner).
		Scan(&name, &window)
	if err != nil {
		return refused
	}
	who := name
	if window != "" {
		who = window + name
	}
	return conflictOf(Invalid("status", "该办件已受理，现由"+who+"负责，不能重复受理；如需办理，请与其联系或请其转交。").
		keyed("data.handling_taken.other", map[string]any{"Who": who}))
}
