package data

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Catalog import and export from staff mode: the same all-or-nothing
// import and byte-for-byte export as the command line, for administrators,
// recorded in the audit log.

// AuditCatalogImport is the audit action of a catalog import.
const AuditCatalogImport = "catalog_import"

// CatalogAuditLabel names the catalog's audit actions.
func CatalogAuditLabel(action string) string {
	if action == AuditCatalogImport {
		return "导入事项目录"
	}
	return ""
}

// catalogAdmin checks that the session is an active administrator.
func (s *Store) catalogAdmin(ctx context.Context, by Session) (Session, error) {
	var actor Session
	err := s.read(ctx, "catalog", func(tx *sql.Tx) error {
		var err error
		if actor, err = actorOf(ctx, tx, by); err != nil {
			return err
		}
		if actor.Role != RoleAdmin {
			return Invalid("session", "只有管理员可以导入或导出事项目录。")
		}
		return nil
	})
	return actor, err
}

// ImportCatalogFile imports the catalog file at path (photos and sample
// forms are read from its folder) for an administrator. Like ImportCatalog
// it is all or nothing: a bad file, or ctx cancelled before the end,
// changes nothing.
func (s *Store) ImportCatalogFile(ctx context.Context, by Session, path string) (ImportSummary, error) {
	actor, err := s.catalogAdmin(ctx, by)
	if err != nil {
		return ImportSummary{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return ImportSummary{}, err
	}
	defer f.Close()
	sum, err := s.ImportCatalog(ctx, f, os.DirFS(filepath.Dir(path)))
	if err != nil {
		return sum, err
	}
	detail := fmt.Sprintf("%d 个窗口，%d 名工作人员，%d 个事项，%d 项公开内容，%d 个日期",
		sum.Windows, sum.Staff, sum.Items, sum.Disclosures, sum.CalendarDays)
	ctx = context.WithoutCancel(ctx) // imported: the audit entry must follow
	return sum, s.tx(ctx, "catalog import", func(tx *sql.Tx) error {
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditCatalogImport, path, detail)
	})
}

// ExportCatalogFile writes the catalog to path for an administrator,
// through a temporary file in the same folder renamed at the end
// (WriteFileAtomic): a failed or cancelled export never leaves half a
// file where a good one was.
func (s *Store) ExportCatalogFile(ctx context.Context, by Session, path string) error {
	actor, err := s.catalogAdmin(ctx, by)
	if err != nil {
		return err
	}
	if err := WriteFileAtomic(ctx, path, func(w io.Writer) error { return s.ExportCatalog(ctx, w) }); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx) // written: the audit entry must follow
	return s.tx(ctx, "catalog export", func(tx *sql.Tx) error {
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditDataExport, "事项目录", path)
	})
}
