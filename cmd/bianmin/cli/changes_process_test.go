package cli

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// TestChangesFromAnotherProcess: a desk's store sees what another program
// commits to its data file (here `bianmin synth requests` in a process of
// its own, see TestMain) through its change feed.
func TestChangesFromAnotherProcess(t *testing.T) {
	path, _ := servedData(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	desk, err := data.Open(ctx, path)
	require.NoError(t, err)
	defer desk.Close()
	before, err := desk.QueueCounts(ctx, data.QueueFilter{Group: data.QueueOpen})
	require.NoError(t, err)
	ch := desk.Changes(ctx)
	next := func() data.Change {
		select {
		case c, ok := <-ch:
			require.True(t, ok)
			return c
		case <-time.After(serveWait):
			t.Fatal("no change within the wait")
			return data.Change{}
		}
	}
	next() // watching

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BIANMIN_CLI_CHILD="+strings.Join(
		[]string{"synth", "requests", "-n", "3", "--data", path}, "\n"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	c := next()
	assert.True(t, c.Remote)
	after, err := desk.QueueCounts(ctx, data.QueueFilter{Group: data.QueueOpen})
	require.NoError(t, err)
	assert.Greater(t, after[data.QueueOpen]+after[data.QueueFinished], before[data.QueueOpen]+before[data.QueueFinished],
		"what the event announced is there to read")
}
