package cli

import (
	"os"
	"runtime"
	"testing"

	"autoencoder-studio/dataset"
)

// TestMain keeps the built-in training sets decoded for the whole run. The
// program lets them go once no run uses them (see dataset.MNISTTrain), and
// decoding them again test after test, which the race detector makes
// several seconds each, would cost more than the tests themselves.
func TestMain(m *testing.M) {
	mnist, _ := dataset.MNISTTrain()
	fashion, _ := dataset.FashionTrain()
	code := m.Run()
	runtime.KeepAlive(mnist)
	runtime.KeepAlive(fashion)
	os.Exit(code)
}
