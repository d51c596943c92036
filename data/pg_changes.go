package data

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgChannel is the LISTEN/NOTIFY channel of the store in schema: every
// write transaction notifies it before COMMIT (see Store.tx), and the
// PostgreSQL ChangeSource listens to it. Stores in other schemas of the
// same database (the tests') have channels of their own.
func pgChannel(schema string) string {
	if schema == "" || schema == "public" {
		return "bianmin_changes"
	}
	return "bianmin_changes:" + schema
}

// pgListen is the PostgreSQL ChangeSource (see ChangeSource): LISTEN on a
// dedicated connection, one Change per notification from another store
// (process). The payload is the operation and the sending store's id
// (pgPayload); a store's own commits were published in process already,
// so it skips its own.
type pgListen struct {
	dsn     string
	channel string
	self    string
}

// pgPayload is what a commit notifies: op, then the store's id.
func pgPayload(op, self string) string { return op + "|" + self }

func (p pgListen) Watch(ctx context.Context, notify func(Change)) error {
	cfg, err := pgx.ParseConfig(p.dsn)
	if err != nil {
		return err
	}
	cfg.ConnectTimeout = 10 * time.Second
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{p.channel}.Sanitize()); err != nil {
		return err
	}
	notify(Change{Remote: true}) // watching from here on
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		op, from, _ := strings.Cut(n.Payload, "|")
		if from == p.self {
			continue
		}
		notify(Change{Op: op, Remote: true})
	}
}
