package bot

import (
	"os"
	"testing"

	"github.com/maatwerkbot/maatwerkbot/store/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests on a shared database
// (pgtest) may have started.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
