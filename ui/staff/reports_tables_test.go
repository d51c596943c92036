package staff

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/locale"
)

// TestReportTablesInChineseAreDatas checks that the report's tables worded
// through lang read, in Chinese, exactly as data's tables (which the
// spreadsheet export keeps): one report, two wordings that must agree.
func TestReportTablesInChineseAreDatas(t *testing.T) {
	require.NoError(t, locale.Use(locale.Chinese))
	now := time.Date(2026, 3, 20, 10, 0, 0, 0, data.China)
	ctx := context.Background()
	s, err := data.Open(ctx, datatest.DSN(t), data.WithClock(func() time.Time { return now }))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	f, err := assets.Sample.Open(assets.SampleCatalog)
	require.NoError(t, err)
	_, err = s.ImportCatalog(ctx, f, assets.Sample)
	f.Close()
	require.NoError(t, err)
	_, err = s.AddSynthRequests(ctx, 80, 7)
	require.NoError(t, err)
	for name, period := range map[string][2]time.Time{
		"Month":     {time.Date(2026, 3, 1, 0, 0, 0, 0, data.China), time.Date(2026, 4, 1, 0, 0, 0, 0, data.China)},
		"HalfYear":  {time.Date(2025, 10, 1, 0, 0, 0, 0, data.China), time.Date(2026, 4, 1, 0, 0, 0, 0, data.China)},
		"TwoYears":  {time.Date(2025, 1, 1, 0, 0, 0, 0, data.China), time.Date(2027, 1, 1, 0, 0, 0, 0, data.China)},
		"WithTimes": {time.Date(2026, 3, 1, 8, 30, 0, 0, data.China), time.Date(2026, 3, 20, 9, 0, 0, 0, data.China)},
	} {
		t.Run(name, func(t *testing.T) {
			rep, err := s.Report(ctx, period[0], period[1])
			require.NoError(t, err)
			require.NotZero(t, rep.Requests)
			assert.Equal(t, rep.DisplayTables()[1:], reportTables(rep), "all but the summary: the headline figures")
			assert.Equal(t, rep.PeriodLabel(), periodWords(rep))
		})
	}
}
