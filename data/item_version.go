package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// GuideVersion is a service guide as it stood at one of its versions.
type GuideVersion struct {
	ItemID  int64
	Version int
	At      time.Time // when this version was first recorded
	Item    Item      // the guide (material ids are not kept in a snapshot)
}

// ItemVersion returns the guide of an item as it stood at a version (the
// item_versions snapshot).
func (s *Store) ItemVersion(ctx context.Context, itemID int64, version int) (GuideVersion, error) {
	return readValue(ctx, s, "item version", func(tx *sql.Tx) (GuideVersion, error) {
		return itemVersion(ctx, tx, itemID, version)
	})
}

// RequestGuide returns the guide that applied to a request: the version of
// its item in force when it was registered, so the basis stays on record
// after the guide changes.
func (s *Store) RequestGuide(ctx context.Context, requestID int64) (GuideVersion, error) {
	var g GuideVersion
	err := s.read(ctx, "request guide", func(tx *sql.Tx) error {
		var itemID int64
		var version int
		err := tx.QueryRowContext(ctx, `SELECT item_id, item_version FROM requests WHERE id = ?`, requestID).
			Scan(&itemID, &version)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		g, err = itemVersion(ctx, tx, itemID, version)
		return err
	})
	return g, err
}

func itemVersion(ctx context.Context, tx *sql.Tx, itemID int64, version int) (GuideVersion, error) {
	g := GuideVersion{ItemID: itemID, Version: version}
	var snap, at string
	err := tx.QueryRowContext(ctx, `SELECT snapshot, at FROM item_versions WHERE item_id = ? AND version = ?`,
		itemID, version).Scan(&snap, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return g, ErrNotFound
	}
	if err != nil {
		return g, err
	}
	if err := json.Unmarshal([]byte(snap), &g.Item); err != nil {
		return g, fmt.Errorf("item %d version %d: %w", itemID, version, err)
	}
	g.Item.ID, g.Item.Version, g.At = itemID, version, parseTime(at)
	return g, nil
}
